package io.natsjms.benchmarks.jetstream;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs over defaults; an unknown name is refused with the known ones. */
final class Options {

    private Options() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> result = new HashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            if (!defaults.containsKey(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("argument: \"" + args[i] + "\" (expected one of "
                        + defaults.keySet() + ", each followed by a value)");
            }
            result.put(args[i], args[i + 1]);
        }
        return result;
    }
}
