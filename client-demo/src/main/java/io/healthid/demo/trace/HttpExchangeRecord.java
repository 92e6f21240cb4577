package io.healthid.demo.trace;

import java.io.Serializable;
import java.util.List;

/**
 * One HTTP exchange of a login as a developer must reproduce it, already masked: what was sent and what came back.
 *
 * @param step what the exchange is for (a message key)
 * @param from who sent the request ({@code browser} or {@code demo})
 * @param requestLine method and URL
 * @param requestHeaders {@code Name: value} lines
 * @param requestBody the body, or empty
 * @param status the response's status line, or empty when the request did not get an answer
 * @param responseHeaders {@code Name: value} lines
 * @param responseBody the body, or empty
 */
public record HttpExchangeRecord(String step, String from, String requestLine, List<String> requestHeaders,
        String requestBody, String status, List<String> responseHeaders, String responseBody) implements Serializable {
}
