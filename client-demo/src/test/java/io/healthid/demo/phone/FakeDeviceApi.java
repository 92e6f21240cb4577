package io.healthid.demo.phone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The identity provider's device API reduced to canned answers, on loopback: it keeps each request (method, path,
 * DPoP header, body) for the test to check what the phone sent. The real one is met in the end-to-end test.
 */
final class FakeDeviceApi implements AutoCloseable {

    record Received(String method, String path, String dpop, String body) {
    }

    static final String ISSUER_PATH = "/issuer";

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    FakeDeviceApi() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext(ISSUER_PATH + "/ecps/v1/", this::handle);
        this.server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + ISSUER_PATH;
    }

    /** The next request the phone made, waiting for it when it is still on its way. */
    Received next() throws InterruptedException {
        Received request = this.received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the phone sent nothing");
        }
        return request;
    }

    boolean nothingReceived() {
        return this.received.isEmpty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath().substring((ISSUER_PATH + "/ecps/v1").length());
        this.received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("DPoP"), body));
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && path.equals("/devices")) {
            if (body.contains("\"osVersion\":\"7.1.2\"")) {
                reply(exchange, 403, "{\"error\":\"access_denied\",\"reason\":\"ECPS_OS_TOO_OLD\"}");
            }
            else {
                reply(exchange, 201, "{\"deviceId\":\"device-1\",\"nationalId\":\"819990000028\",\"expiresAt\":\"2027-12-02T10:00:00Z\"}");
            }
        }
        else if (method.equals("GET") && path.equals("/challenges/challenge-1")) {
            reply(exchange, 200, "{\"challengeId\":\"challenge-1\",\"client\":\"Démo Pro Santé Connect\",\"numbers\":[12,34,56],"
                    + "\"expiresAt\":\"2026-12-02T10:02:00Z\",\"status\":\"pending\"}");
        }
        else if (method.equals("POST") && path.equals("/challenges/challenge-1")) {
            reply(exchange, 200, "{\"status\":\"approved\"}");
        }
        else {
            reply(exchange, 404, "{\"error\":\"not_found\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
