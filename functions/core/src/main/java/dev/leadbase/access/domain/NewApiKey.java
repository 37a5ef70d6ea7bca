package dev.leadbase.access.domain;

import dev.leadbase.shared.errors.ValidationFailed;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A request to issue a key: validated on construction. */
public record NewApiKey(String userId, Set<Permission> permissions, Visibility visibility) {
    public static final String DEFAULT_USER = "default";

    /** Builds the command from wire values, naming every bad field in one error. */
    public static NewApiKey fromWire(String userId, List<String> permissions, String visibility) {
        Map<String, Object> invalid = new LinkedHashMap<>();
        String user = userId == null ? DEFAULT_USER : userId.trim();
        if (user.isEmpty() || user.length() > 128) {
            invalid.put("userId", "Must be 1 to 128 characters");
        }
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        if (permissions == null || permissions.isEmpty()) {
            invalid.put("permissions", "Must list at least one of: " + Permission.allWire());
        } else {
            for (String p : permissions) {
                Permission.fromWire(p).ifPresentOrElse(granted::add,
                        () -> invalid.put("permissions", "Unknown permission '" + p + "'. Must be among: " + Permission.allWire()));
            }
        }
        Visibility vis = visibility == null ? Visibility.TENANT : Visibility.fromWire(visibility).orElse(null);
        if (vis == null) {
            invalid.put("visibility", "Must be one of: tenant, own");
        }
        if (!invalid.isEmpty()) {
            throw new ValidationFailed("Invalid API key request", Map.of("invalidFields", invalid));
        }
        return new NewApiKey(user, granted, vis);
    }
}
