package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.CheckStatus;
import io.streampatterns.harness.conformance.ConformanceReport;

/**
 * {@code TEST-conformance.xml}: the results in JUnit's XML, so CI systems show each pattern × check
 * as a test case; NOT_APPLICABLE is a skipped case with its reason.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static String render(ConformanceReport report) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format("<testsuite name=\"conformance\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" errors=\"0\" time=\"%d\">%n",
                report.results().size(), report.count(CheckStatus.FAIL), report.count(CheckStatus.NOT_APPLICABLE),
                report.took().toSeconds()));
        for (CheckResult result : report.results()) {
            xml.append(String.format("  <testcase classname=\"conformance.%s\" name=\"%s\" time=\"%.3f\"",
                    escape(result.pattern()), escape(result.check()), result.took().toMillis() / 1000.0));
            switch (result.status()) {
                case PASS -> xml.append(">\n    <system-out>").append(escape(result.message())).append("</system-out>\n  </testcase>\n");
                case FAIL -> xml.append(">\n    <failure message=\"").append(escape(result.message())).append("\"/>\n  </testcase>\n");
                case NOT_APPLICABLE -> xml.append(">\n    <skipped message=\"").append(escape(result.message())).append("\"/>\n  </testcase>\n");
            }
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
