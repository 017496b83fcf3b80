package io.natsjms.server.cli;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every flag be written with one or two dashes, as Go's flag package does ({@code --cid} and
 * {@code -cluster_id} work like {@code -cid} and {@code --cluster_id}), by rewriting such arguments
 * to the spelling the command declares before picocli parses them. Values of flags are never
 * rewritten.
 */
final class GoFlagStyle {

    private final Map<String, OptionSpec> options = new HashMap<>();

    GoFlagStyle(CommandSpec spec) {
        for (OptionSpec option : spec.options()) {
            for (String name : option.names()) {
                options.put(name, option);
            }
        }
    }

    String[] normalize(String[] args) {
        String[] result = args.clone();
        boolean valueExpected = false;
        for (int i = 0; i < result.length; i++) {
            String arg = result[i];
            if (valueExpected || arg.equals("--")) {
                if (!valueExpected) {
                    return result;
                }
                valueExpected = false;
                continue;
            }
            if (!arg.startsWith("-") || arg.length() < 2) {
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String declared = declaredSpelling(name);
            if (declared == null) {
                continue;
            }
            result[i] = eq < 0 ? declared : declared + arg.substring(eq);
            valueExpected = eq < 0 && options.get(declared).arity().min() > 0;
        }
        return result;
    }

    /** The declared name {@code name} is another spelling of, or null if it is none. */
    private String declaredSpelling(String name) {
        if (options.containsKey(name)) {
            return name;
        }
        String bare = name.startsWith("--") ? name.substring(2) : name.substring(1);
        for (String candidate : new String[] {"-" + bare, "--" + bare}) {
            if (options.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
