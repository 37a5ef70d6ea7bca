package dev.leadbase.it.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadbase.shared.ids.IdKind;
import dev.leadbase.local.template.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every path parameter of every route in template.yaml has an id format, so no route takes an unchecked id. */
class PathIdKindsTest {
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}+]+)\\+?}");

    @Test
    void everyPathParameterOfTheTemplateHasAnIdKind() {
        List<String> unchecked = new ArrayList<>();
        for (Template.Function function : Template.load(Path.of("template.yaml")).functions().values()) {
            for (Template.Event event : function.events()) {
                if (event instanceof Template.HttpApiEvent http) {
                    Matcher m = PARAMETER.matcher(http.path());
                    while (m.find()) {
                        if (IdKind.ofPathParameter(http.method() + " " + http.path(), m.group(1)).isEmpty()) {
                            unchecked.add(http.method() + " " + http.path() + " {" + m.group(1) + "}");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), unchecked, "path parameters without an id format");
    }
}
