package io.natsjms.server.monitor;

/** The HTML page at {@code /streaming}: links to every monitoring endpoint. */
final class IndexPage {

    private IndexPage() {
    }

    static String html() {
        StringBuilder page = new StringBuilder(512)
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">")
                .append("<title>NATS Streaming monitoring</title></head>\n<body>\n<h1>NATS Streaming</h1>\n<ul>\n");
        link(page, Routes.SERVERZ, "server");
        link(page, Routes.STOREZ, "store");
        link(page, Routes.CLIENTSZ, "clients");
        link(page, Routes.CHANNELSZ, "channels");
        link(page, Routes.IS_FT_ACTIVE, "fault tolerance active (204: no)");
        link(page, Routes.DASHBOARD, "dashboard");
        link(page, Routes.HEALTHZ, "health (200: ready)");
        link(page, Routes.METRICS, "Prometheus metrics");
        return page.append("</ul>\n</body>\n</html>\n").toString();
    }

    private static void link(StringBuilder page, String path, String label) {
        page.append("<li><a href=\"").append(path).append("\">").append(label).append("</a></li>\n");
    }
}
