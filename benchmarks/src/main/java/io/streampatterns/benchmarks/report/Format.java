package io.streampatterns.benchmarks.report;

import io.streampatterns.benchmarks.MachineInfo;
import io.streampatterns.benchmarks.Targets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Number formats shared by the reports. */
final class Format {
    private Format() {
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String error(double error) {
        return Double.isNaN(error) ? "–" : String.format(Locale.ROOT, "± %,.0f", error);
    }

    static String mib(Map<String, Double> peaks, String prefix) {
        String text = peaks.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> String.format(Locale.ROOT, "%.0f", e.getValue())).collect(Collectors.joining(" / "));
        return text.isEmpty() ? "–" : text + " MiB";
    }

    static String cores(Map<String, Double> cores, String prefix) {
        String text = cores.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> String.format(Locale.ROOT, "%.2f", e.getValue())).collect(Collectors.joining(" / "));
        return text.isEmpty() ? "–" : text;
    }

    static String share(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String status(Targets.Status status) {
        return switch (status) {
            case MET -> "MET";
            case MISSED -> "MISSED";
            case NOT_MEASURED -> "not measured";
        };
    }

    static String load(String loadAverage) {
        double perCore = MachineInfo.loadPerCore(loadAverage);
        return Double.isNaN(perCore) ? loadAverage
                : String.format(Locale.ROOT, "%s (%.1f per core)", loadAverage, perCore);
    }
}
