package dev.scope.schema.internal;

/** Spelling rules shared with pydantic: schema names and titles. */
public final class Names {

    private Names() {
    }

    /**
     * @return the Java field name in snake_case: {@code colorR} gives {@code color_r},
     *         {@code baseSeed} {@code base_seed}, {@code imageURLPath} {@code image_url_path}
     */
    public static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isUpperCase(c)) {
                out.append(c);
                continue;
            }
            char prev = i > 0 ? name.charAt(i - 1) : '_';
            boolean wordStart = Character.isLowerCase(prev) || Character.isDigit(prev);
            boolean acronymEnd = Character.isUpperCase(prev) && i + 1 < name.length()
                    && Character.isLowerCase(name.charAt(i + 1));
            if (wordStart || acronymEnd) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /**
     * pydantic's default title: Python's {@code str.title()} with underscores turned into
     * spaces, so {@code vace_context_scale} gives {@code Vace Context Scale} and {@code color_r}
     * {@code Color R}. Like Python, a letter after a non-letter starts a word ({@code x2y} gives
     * {@code X2Y}).
     */
    public static String title(String key) {
        StringBuilder out = new StringBuilder(key.length());
        boolean prevCased = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean cased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            out.append(!cased ? c : prevCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
            prevCased = cased;
        }
        return out.toString().replace('_', ' ');
    }
}
