package io.github.redisjcache.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.redisson.api.BatchOptions;
import org.redisson.api.RFuture;
import org.redisson.client.codec.Codec;
import org.redisson.client.codec.LongCodec;
import org.redisson.client.protocol.RedisCommand;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.command.CommandBatchService;
import org.redisson.connection.MasterSlaveEntry;

/**
 * A Redisson batch whose writes replicas must acknowledge: it remembers the masters its writes go to, and ends the
 * commands of each with a {@code WAIT} of its own.
 *
 * <p>Redisson's option for this ({@code BatchOptions.sync}) reports the count of the last master to reply, so a batch
 * over several masters passed with one master's replicas gone, and no count at all when a command of the batch failed.
 * A {@code WAIT} queued per master as a command of its own keeps each master's reply, and the fewest decides.
 */
final class AcknowledgingBatchService extends CommandBatchService {

    private final Set<Integer> writtenSlots = ConcurrentHashMap.newKeySet();

    AcknowledgingBatchService(CommandAsyncExecutor executor, BatchOptions options) {
        super(executor, options);
    }

    @Override
    public <T, R> RFuture<R> writeAsync(byte[] key, Codec codec, RedisCommand<T> command, Object... params) {
        writtenSlots.add(getConnectionManager().calcSlot(key));
        return super.writeAsync(key, codec, command, params);
    }

    /**
     * Queues {@code WAIT} after the writes of each master written to so far; called once, right before the batch
     * is executed.
     *
     * @param replicas      how many replicas must acknowledge
     * @param timeoutMillis how long each {@code WAIT} waits at most
     * @return each master's {@code WAIT} reply: how many replicas acknowledged its writes (a failed future for a
     *         master the connection cannot name now, whose writes are then not known to be acknowledged)
     */
    List<CompletableFuture<Number>> queueWaits(int replicas, long timeoutMillis) {
        Set<MasterSlaveEntry> masters = new LinkedHashSet<>();
        List<CompletableFuture<Number>> waits = new ArrayList<>();
        for (int slot : writtenSlots) {
            MasterSlaveEntry master = getConnectionManager().getWriteEntry(slot);
            if (master == null) {
                waits.add(CompletableFuture.failedFuture(
                        new IllegalStateException("No master serves hash slot " + slot + " now")));
            } else {
                masters.add(master);
            }
        }
        for (MasterSlaveEntry master : masters) {
            waits.add(super.<Integer, Number>writeAsync(master, LongCodec.INSTANCE, RedisCommands.WAIT, replicas,
                    timeoutMillis).toCompletableFuture());
        }
        return waits;
    }
}
