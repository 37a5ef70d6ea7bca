package dev.leadbase.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.leadbase.local.template.Resolver;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Turns an HTTP request into the API Gateway HTTP API event (payload 2.0) its route's function receives. */
final class GatewayEvents {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private GatewayEvents() {
    }

    /** A part of the URL whose percent-encoding does not decode: {@code name} is its parameter. */
    static final class MalformedUrl extends RuntimeException {
        private final String name;

        MalformedUrl(String name) {
            super(name, null, false, false);
            this.name = name;
        }

        String name() {
            return name;
        }
    }

    static APIGatewayV2HTTPEvent toEvent(HttpWire.Request request, Socket connection, RouteTable.Match match) {
        Instant now = Instant.now();
        String rawPath = request.rawPath();
        String rawQuery = request.rawQuery();
        String remote = connection.getInetAddress().getHostAddress();

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((key, values) -> {
            if (key.equals("cookie")) {
                // payload 2.0 moves cookies out of the headers
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
            } else {
                headers.merge(key, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        headers.putIfAbsent("x-forwarded-for", remote);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", String.valueOf(connection.getLocalPort()));

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(match.route().routeKey());
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery);
        event.setHeaders(headers);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setQueryStringParameters(queryParameters(rawQuery));
        Map<String, String> pathParameters = new LinkedHashMap<>();
        match.pathParameters().forEach((k, v) -> pathParameters.put(k, decode(v, k)));
        event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);

        byte[] body = request.body();
        String contentType = headers.getOrDefault("content-type", "");
        if (body.length > 0) {
            boolean text = isText(contentType);
            event.setIsBase64Encoded(!text);
            event.setBody(text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }

        String host = headers.getOrDefault("host", "127.0.0.1");
        String domain = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId(Resolver.ACCOUNT);
        context.setApiId(match.route().apiId());
        context.setDomainName(domain);
        context.setDomainPrefix(domain.split("\\.")[0]);
        context.setRequestId(UUID.randomUUID().toString());
        context.setRouteKey(match.route().routeKey());
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(request.method().toUpperCase(Locale.ROOT));
        http.setPath(rawPath);
        http.setProtocol(request.protocol());
        http.setSourceIp(remote);
        http.setUserAgent(headers.getOrDefault("user-agent", ""));
        context.setHttp(http);
        event.setRequestContext(context);
        return event;
    }

    /** API Gateway joins repeated query keys with commas and decodes values. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), key);
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params.isEmpty() ? null : params;
    }

    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript");
    }

    /** Percent-decodes {@code value} as UTF-8 ('+' stays a plus, as API Gateway keeps it); else MalformedUrl. */
    private static String decode(String value, String name) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new MalformedUrl(name);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedUrl(name);
        }
    }
}
