package io.streampatterns.patterns.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local schema map, and the registry client against a tiny HTTP server this test runs. */
class SchemaSourcesTest {
    private static final String SCHEMA = AvroToJsonPipelineTest.V1;

    private HttpServer registry;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/schemas/ids/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/schemas/ids/".length());
            requests.add(id + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            int status;
            String body;
            switch (id) {
                case "1" -> {
                    status = 200;
                    body = "{\"schema\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(SCHEMA) + "}";
                }
                case "2" -> {
                    status = 200;
                    body = "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}";
                }
                case "3" -> {
                    status = 500;
                    body = "{\"error_code\":50001,\"message\":\"store unavailable\"}";
                }
                default -> {
                    status = 404;
                    body = "{\"error_code\":40403,\"message\":\"Schema not found\"}";
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + registry.getAddress().getPort();
    }

    @Test
    void theLocalSourceAnswersItsIds() {
        LocalSchemaSource local = LocalSchemaSource.of(1, SCHEMA).with(5, SCHEMA);
        assertThat(local.schema(1)).contains(SCHEMA);
        assertThat(local.schema(5)).contains(SCHEMA);
        assertThat(local.schema(2)).isEmpty();
        assertThat(local).hasToString("LocalSchemaSource(ids [1, 5])");
    }

    @Test
    void theLocalSourceRefusesASchemaThatDoesNotParse() {
        assertThatThrownBy(() -> LocalSchemaSource.of(Map.of(1, SCHEMA, 9, "{\"type\":\"nope\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("schema id 9: expected an Avro schema");
    }

    /** A schema found is asked for once; the credentials are sent and never shown. */
    @Test
    void theRegistryAnswersAKnownIdOnce() {
        SchemaRegistrySchemaSource source = SchemaRegistrySchemaSource.at(url()).basicAuth("app", "s3cret");
        assertThat(source.schema(1)).contains(SCHEMA);
        assertThat(source.schema(1)).contains(SCHEMA);
        assertThat(requests).containsExactly("1 Basic YXBwOnMzY3JldA==");
        assertThat(source.toString()).doesNotContain("s3cret").doesNotContain("YXBw");
    }

    /** 404 is a definite "unknown"; so is a schema that is not Avro; an unknown id is asked again later. */
    @Test
    void anUnknownIdOrAnotherSchemaTypeIsEmpty() {
        SchemaRegistrySchemaSource source = SchemaRegistrySchemaSource.at(url() + "/");
        assertThat(source.schema(404)).isEmpty();
        assertThat(source.schema(404)).isEmpty();
        assertThat(source.schema(2)).isEmpty();
        assertThat(requests).hasSize(3);
    }

    /** Anything but 200 or 404 is not an answer: it throws, so no record is sent to the DLQ for it. */
    @Test
    void aFailingOrSilentRegistryThrows() {
        assertThatThrownBy(() -> SchemaRegistrySchemaSource.at(url()).schema(3))
                .isInstanceOf(SchemaSourceException.class)
                .hasMessageContaining("answered 500 for schema id 3").hasMessageContaining("store unavailable");
        registry.stop(0);
        assertThatThrownBy(() -> SchemaRegistrySchemaSource.at(url()).timeout(Duration.ofSeconds(2)).schema(1))
                .isInstanceOf(SchemaSourceException.class).hasMessageContaining("did not answer for schema id 1");
    }

    @Test
    void theUrlMustBeHttp() {
        assertThatThrownBy(() -> SchemaRegistrySchemaSource.at("registry:8081"))
                .hasMessage("baseUrl: expected an http(s) URL, got 'registry:8081'");
    }
}
