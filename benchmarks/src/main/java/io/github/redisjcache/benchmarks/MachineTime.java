package io.github.redisjcache.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The machine's CPU time by kind, from Linux's {@code /proc/stat}: how much a virtual machine's hypervisor took
 * (steal) and how much the cores sat waiting for I/O while a measurement ran. On a shared 2-core machine these
 * decide more of a figure than most changes do, so every JMH run records them.
 */
final class MachineTime {

    private static final Path STAT = Paths.get("/proc/stat");

    private final long total;
    private final long steal;
    private final long ioWait;

    private MachineTime(long total, long steal, long ioWait) {
        this.total = total;
        this.steal = steal;
        this.ioWait = ioWait;
    }

    /** @return the CPU time so far, or null where /proc/stat cannot be read (not Linux) */
    static MachineTime now() {
        try {
            List<String> lines = Files.readAllLines(STAT);
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is within user)
            String[] fields = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new MachineTime(total, fields.length > 8 ? Long.parseLong(fields[8]) : 0,
                    Long.parseLong(fields[5]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Shares of the CPU time between two readings.
     *
     * @param later a later reading
     * @return {steal %, I/O wait %}, or null when either reading is missing or no time passed
     */
    double[] sharesUntil(MachineTime later) {
        if (later == null || later.total <= total) {
            return null;
        }
        double elapsed = later.total - total;
        return new double[] {100 * (later.steal - steal) / elapsed, 100 * (later.ioWait - ioWait) / elapsed};
    }
}
