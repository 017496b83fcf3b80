package io.natsjms.arquillian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The test's client of a deployed application's JSON REST API. */
final class JsonApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;

    /** The client of the API at {@code api} (ending with a slash). */
    JsonApi(URI api) {
        this.api = api;
    }

    /** {@code GET path}: the answer's JSON; anything but 200 fails. */
    JsonNode get(String path) {
        return call(HttpRequest.newBuilder(api.resolve(path)).GET(), 200);
    }

    /** {@code POST path} with the JSON {@code body}: the answer's JSON; anything but {@code status} fails. */
    JsonNode post(String path, String body, int status) {
        return call(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), status);
    }

    /** {@code POST path} with the plain-text {@code body}: the answer's JSON; anything but {@code status} fails. */
    JsonNode postText(String path, String body, int status) {
        return call(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)), status);
    }

    private static JsonNode call(HttpRequest.Builder builder, int status) {
        HttpRequest request = builder.header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != status) {
                throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP "
                        + response.statusCode() + " (expected: " + status + ") " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", e);
        }
    }
}
