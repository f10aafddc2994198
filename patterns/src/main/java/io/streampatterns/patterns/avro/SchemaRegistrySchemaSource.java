package io.streampatterns.patterns.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writer schemas from a Confluent-compatible schema registry's REST API
 * ({@code GET /schemas/ids/{id}}), with the JDK's HTTP client and no other dependency.
 *
 * <p>A 404 means the registry does not know the id: its records go to the dead letter queue. Any
 * other failure (no answer, 5xx, 401) throws {@link SchemaSourceException}, which fails the
 * micro-batch; the query stops and resumes from its checkpoint when restarted, so a registry outage
 * never sends good records to the dead letter queue. A schema found is kept for the life of the
 * query: the registry never changes the schema behind an id.
 *
 * <p>Schemas of another type (PROTOBUF, JSON) are not Avro, and are answered as unknown. Schema
 * references are not resolved: a schema that names types from another subject does not parse, and
 * its records go to the dead letter queue as DESERIALIZATION_FAILED.
 */
public final class SchemaRegistrySchemaSource implements SchemaSource {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;
    private final String authorization;
    private transient HttpClient client;
    private transient Map<Integer, String> found;

    private SchemaRegistrySchemaSource(String baseUrl, Duration timeout, String authorization) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.authorization = authorization;
    }

    /** @param baseUrl the registry's URL, e.g. {@code https://registry.example.com:8081} */
    public static SchemaRegistrySchemaSource at(String baseUrl) {
        URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("baseUrl: expected an http(s) URL, got '" + baseUrl + "'");
        }
        return new SchemaRegistrySchemaSource(baseUrl, Duration.ofSeconds(10), null);
    }

    /** HTTP basic authentication (Confluent's {@code basic.auth.user.info}); read it from a secret store. */
    public SchemaRegistrySchemaSource basicAuth(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new SchemaRegistrySchemaSource(baseUrl, timeout, "Basic " + token);
    }

    /** How long one request may take (default 10 s). */
    public SchemaRegistrySchemaSource timeout(Duration requestTimeout) {
        return new SchemaRegistrySchemaSource(baseUrl, requestTimeout, authorization);
    }

    @Override
    public Optional<String> schema(int id) {
        String known = found().get(id);
        if (known != null) {
            return Optional.of(known);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/schemas/ids/" + id))
                .timeout(timeout)
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaSourceException("schema registry " + baseUrl + " did not answer for schema id " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaSourceException("interrupted while asking " + baseUrl + " for schema id " + id, e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new SchemaSourceException("schema registry " + baseUrl + " answered " + response.statusCode()
                    + " for schema id " + id + ": " + abbreviate(response.body()));
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String type = body.path("schemaType").asText("AVRO");
            if (!type.equals("AVRO") || !body.hasNonNull("schema")) {
                return Optional.empty();
            }
            String schema = body.get("schema").asText();
            found().put(id, schema);
            return Optional.of(schema);
        } catch (IOException e) {
            throw new SchemaSourceException("schema registry " + baseUrl + " answered schema id " + id
                    + " with something that is not JSON: " + abbreviate(response.body()), e);
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).build();
        }
        return client;
    }

    private synchronized Map<Integer, String> found() {
        if (found == null) {
            found = new ConcurrentHashMap<>();
        }
        return found;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Never shows the credentials. */
    @Override
    public String toString() {
        return "SchemaRegistrySchemaSource(" + baseUrl + (authorization == null ? "" : ", basic auth") + ")";
    }
}
