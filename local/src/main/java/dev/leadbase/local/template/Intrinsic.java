package dev.leadbase.local.template;

import java.util.List;
import java.util.Map;

/** A CloudFormation intrinsic function as written in the template, resolved later by {@link Resolver}. */
public sealed interface Intrinsic {
    record Ref(String name) implements Intrinsic {
    }

    record GetAtt(String resource, String attribute) implements Intrinsic {
    }

    record Sub(String text, Map<String, Object> variables) implements Intrinsic {
    }

    record Join(String delimiter, List<Object> parts) implements Intrinsic {
    }

    /** Any other {@code !Fn} tag: kept so parsing never fails; resolves to its raw argument. */
    record Other(String function, Object argument) implements Intrinsic {
    }
}
