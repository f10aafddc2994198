package io.streampatterns.harness.conformance.report;

import static io.streampatterns.harness.report.Escape.xml;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.CheckStatus;
import io.streampatterns.harness.conformance.ConformanceReport;
import java.util.Locale;

/**
 * {@code TEST-conformance.xml}: the results in JUnit's XML, so CI systems show each pattern × check
 * as a test case; NOT_APPLICABLE is a skipped case with its reason. Numbers are written the same
 * whatever the JVM's locale (JUnit's readers expect {@code 1.5}, never {@code 1,5}).
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static String render(ConformanceReport report) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT,
                "<testsuite name=\"conformance\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" errors=\"0\" time=\"%.3f\">%n",
                report.results().size(), report.count(CheckStatus.FAIL), report.count(CheckStatus.NOT_APPLICABLE),
                report.took().toMillis() / 1000.0));
        for (CheckResult result : report.results()) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"conformance.%s\" name=\"%s\" time=\"%.3f\">%n",
                    xml(result.pattern()), xml(result.check()), result.took().toMillis() / 1000.0));
            xml.append(switch (result.status()) {
                case PASS -> "    <system-out>" + xml(result.message()) + "</system-out>\n";
                case FAIL -> "    <failure message=\"" + xml(result.message()) + "\"/>\n";
                case NOT_APPLICABLE -> "    <skipped message=\"" + xml(result.message()) + "\"/>\n";
            });
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }
}
