package dev.leadbase.shared.http;

import java.util.Map;

/** What a use case answers: a status, the {@code data} of the success envelope, extra headers. */
public record ApiResult(int status, Object data, Map<String, String> headers) {
    public static ApiResult ok(Object data) {
        return new ApiResult(200, data, Map.of());
    }

    public static ApiResult created(Object data) {
        return new ApiResult(201, data, Map.of());
    }

    public static ApiResult accepted(Object data) {
        return new ApiResult(202, data, Map.of());
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null, Map.of());
    }

    public ApiResult withHeader(String name, String value) {
        if (headers.isEmpty()) {
            return new ApiResult(status, data, Map.of(name, value));
        }
        var copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResult(status, data, Map.copyOf(copy));
    }
}
