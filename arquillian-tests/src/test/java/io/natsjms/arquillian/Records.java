package io.natsjms.arquillian;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The test's HTTP client of one deployed test application ({@code RecordsServlet}, {@code SendServlet}). */
final class Records {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI application;

    /** The client of the application at {@code application} (its context root, ending with a slash). */
    Records(URI application) {
        this.application = application;
    }

    /** The application's recorded lines of {@code key}. */
    List<String> of(String key) {
        String body = call(HttpRequest.newBuilder(application.resolve("records?key=" + encode(key))).GET());
        return body.lines().toList();
    }

    /** The lines of the application's {@code path} with the query parameter {@code name=value}. */
    List<String> lines(String path, String name, String value) {
        String body = call(HttpRequest.newBuilder(application.resolve(path + "?" + encode(name) + "=" + encode(value))).GET());
        return body.lines().toList();
    }

    /** Posts {@code form} to the application's {@code path}; returns the answer's body. */
    String post(String path, Map<String, String> form) {
        String encoded = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return call(HttpRequest.newBuilder(application.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    }

    private static String call(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(built.method() + " " + built.uri() + ": HTTP " + response.statusCode()
                        + " (expected: 200) " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(built.method() + " " + built.uri() + " interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
