package io.github.redisjcache.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/** Draws the throughput of each operation and contender as grouped bars (log scale), 1 and 16 threads. */
final class Chart {

    private static final Color[] COLORS = {new Color(0xC62828), new Color(0xEF6C00), new Color(0x1565C0),
        new Color(0x90CAF9), new Color(0x2E7D32), new Color(0x6A1B9A), new Color(0x616161)};

    private Chart() {
    }

    static void draw(Report report, Path file) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<Report.Column> columns = report.chartColumns();
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        names.add("redis-benchmark (server ceiling)");
        int width = 1700;
        int panelHeight = 520;
        int top = 70;
        int legendHeight = 60;
        int height = top + 2 * panelHeight + legendHeight;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString("Throughput per operation and contender (calls/s, log scale; getAll/putAll = 100 entries per call)",
                40, 40);

        double max = 1;
        double min = Double.MAX_VALUE;
        for (int threads : new int[]{1, 16}) {
            for (String op : Main.OPS) {
                for (Report.Column c : columns) {
                    double v = report.value(c, op, threads);
                    if (!Double.isNaN(v) && v > 0) {
                        max = Math.max(max, v);
                        min = Math.min(min, v);
                    }
                }
                double rb = report.redisBenchmark(op, threads);
                if (!Double.isNaN(rb)) {
                    max = Math.max(max, rb);
                }
            }
        }
        double logMin = Math.floor(Math.log10(Math.max(1, Math.min(min, 1000))));
        double logMax = Math.ceil(Math.log10(max) + 0.05);

        for (int p = 0; p < 2; p++) {
            int threads = p == 0 ? 1 : 16;
            int y0 = top + p * panelHeight;
            panel(g, report, columns, threads, 90, y0 + 30, width - 130, panelHeight - 110, logMin, logMax);
        }
        // Legend
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        FontMetrics fm = g.getFontMetrics();
        int x = 90;
        int y = top + 2 * panelHeight + 10;
        for (int i = 0; i < names.size(); i++) {
            int w = 18 + 8 + fm.stringWidth(names.get(i)) + 30;
            if (x + w > width - 40) {
                x = 90;
                y += 26;
            }
            g.setColor(COLORS[i % COLORS.length]);
            g.fillRect(x, y, 18, 18);
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), x + 26, y + 15);
            x += w;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, Report report, List<Report.Column> columns, int threads, int x0, int y0,
                              int w, int h, double logMin, double logMax) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(threads == 1 ? "1 thread" : threads + " threads", x0, y0 - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // Grid and axis labels
        for (double e = logMin; e <= logMax; e++) {
            int y = yOf(Math.pow(10, e), y0, h, logMin, logMax);
            g.setColor(new Color(0xDDDDDD));
            g.setStroke(new BasicStroke(1));
            g.drawLine(x0, y, x0 + w, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%,.0f", Math.pow(10, e));
            g.drawString(label, x0 - 8 - g.getFontMetrics().stringWidth(label), y + 5);
        }
        g.setColor(Color.BLACK);
        g.drawLine(x0, y0 + h, x0 + w, y0 + h);
        int groups = Main.OPS.size();
        int groupWidth = w / groups;
        int bars = columns.size() + 1;
        int barWidth = (groupWidth - 24) / bars;
        for (int gi = 0; gi < groups; gi++) {
            String op = Main.OPS.get(gi);
            int gx = x0 + gi * groupWidth + 12;
            for (int b = 0; b < bars; b++) {
                double v = b < columns.size() ? report.value(columns.get(b), op, threads)
                        : report.redisBenchmark(op, threads);
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                int y = yOf(v, y0, h, logMin, logMax);
                int bx = gx + b * barWidth;
                g.setColor(COLORS[b % COLORS.length]);
                g.fillRect(bx, y, barWidth - 2, y0 + h - y);
                // value, written upwards inside or above the bar
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                String text = v >= 10_000 ? String.format(Locale.ROOT, "%.0fk", v / 1000)
                        : v >= 1000 ? String.format(Locale.ROOT, "%.1fk", v / 1000)
                        : String.format(Locale.ROOT, "%.0f", v);
                AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 2, bx + barWidth / 2.0 + 4, y - 4);
                g.drawString(text, bx + barWidth / 2 + 4, y - 4);
                g.setTransform(saved);
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            int tw = g.getFontMetrics().stringWidth(op);
            g.drawString(op, gx + (groupWidth - 24 - tw) / 2, y0 + h + 20);
        }
    }

    private static int yOf(double value, int y0, int h, double logMin, double logMax) {
        double l = Math.log10(Math.max(value, Math.pow(10, logMin)));
        return (int) Math.round(y0 + h - (l - logMin) / (logMax - logMin) * h);
    }
}
