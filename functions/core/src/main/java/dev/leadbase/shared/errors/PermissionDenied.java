package dev.leadbase.shared.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reported as {@code PERMISSION_DENIED}, with the API's {@code permissionHelp}. */
public final class PermissionDenied extends LeadbaseException {
    public static final String DOCUMENTATION = "https://github.com/leadbase/leadbase#api-keys-and-permissions";

    public PermissionDenied(String message, String required, List<String> available) {
        super(ErrorCode.PERMISSION_DENIED, message, Map.of(), Map.of("permissionHelp", help(required, available)),
                Map.of());
    }

    private static Map<String, Object> help(String required, List<String> available) {
        Map<String, Object> help = new LinkedHashMap<>();
        help.put("required", required);
        help.put("available", List.copyOf(available));
        help.put("documentation", DOCUMENTATION);
        return help;
    }
}
