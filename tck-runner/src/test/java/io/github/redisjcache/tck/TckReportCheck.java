package io.github.redisjcache.tck;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/**
 * Counts the TCK's results from Surefire's reports and fails unless every expected test ran and passed, so that a
 * test class silently left out of the run cannot make the TCK look green.
 */
public final class TckReportCheck {

    private TckReportCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path reports = Paths.get(args[0]);
        int expected = Integer.parseInt(args[1]);
        String run = args[2];
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, "TEST-*.xml")) {
            for (Path file : files) {
                Element suite = parse(file);
                tests += Integer.parseInt(suite.getAttribute("tests"));
                failures += Integer.parseInt(suite.getAttribute("failures"));
                errors += Integer.parseInt(suite.getAttribute("errors"));
                skipped += Integer.parseInt(suite.getAttribute("skipped"));
            }
        }
        int passed = tests - failures - errors - skipped;
        System.out.println("TCK 1.1.1, " + run + ": " + passed + "/" + expected + " passed ("
                + tests + " run, " + failures + " failures, " + errors + " errors, " + skipped + " skipped)");
        if (tests != expected || passed != expected) {
            throw new IllegalStateException("The TCK (" + run + ") must run and pass all " + expected + " tests; "
                    + passed + " of " + tests + " run passed");
        }
    }

    private static Element parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
