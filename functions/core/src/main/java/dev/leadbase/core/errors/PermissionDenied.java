package dev.leadbase.core.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reported as {@code PERMISSION_DENIED}, with the seed's {@code permissionHelp}. */
public final class PermissionDenied extends LeadbaseException {
    public static final String DOCUMENTATION = "https://github.com/leadbase/leadbase#api-keys-and-permissions";
    private final String required;
    private final List<String> available;

    public PermissionDenied(String message, String required, List<String> available) {
        super(ErrorCode.PERMISSION_DENIED, message, Map.of());
        this.required = required;
        this.available = List.copyOf(available);
    }

    @Override
    public Map<String, Object> extraFields() {
        Map<String, Object> help = new LinkedHashMap<>();
        help.put("required", required);
        help.put("available", available);
        help.put("documentation", DOCUMENTATION);
        return Map.of("permissionHelp", help);
    }
}
