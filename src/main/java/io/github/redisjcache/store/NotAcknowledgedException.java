package io.github.redisjcache.store;

/** Thrown when a write was not acknowledged by as many replicas as the {@code wait-replicas} setting asks. */
public class NotAcknowledgedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param wanted       how many replicas had to acknowledge
     * @param acknowledged how many did
     * @param waitMillis   how long the write waited
     */
    public NotAcknowledgedException(int wanted, long acknowledged, long waitMillis) {
        super("The write was applied on the master but acknowledged by " + acknowledged + " of " + wanted
                + " required replicas within " + waitMillis + " ms (setting wait-replicas); it may be lost if the "
                + "master fails now");
    }

    /**
     * Creates an exception for writes whose acknowledgement is unknown: no reply to their WAIT came back (the
     * connection was lost, the reply timed out, or Redisson's decoder gave up on the batch's replies after an error
     * reply), so Redis did not report how many replicas acknowledged them.
     *
     * @param wanted how many replicas had to acknowledge
     */
    public NotAcknowledgedException(int wanted) {
        super("The write may have been applied on the master, but whether " + wanted + " required replicas "
                + "acknowledged it is unknown: no reply to its WAIT came back (setting wait-replicas); it may be lost "
                + "if the master fails now");
    }
}
