package dev.scope.ui.settings.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * Gives the labels of one form distinct mnemonics (Alt+letter moves the focus to the field): the
 * first unused word initial, else the first unused letter or digit. A label without a free one
 * gets none. {@code &} in a label is escaped.
 */
final class Mnemonics {

    private final Set<Character> used = new HashSet<>();

    /** @return the label with {@code &} before its mnemonic */
    String assign(String label) {
        int index = pick(label, true);
        if (index < 0) {
            index = pick(label, false);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (i == index) {
                out.append('&');
                used.add(Character.toLowerCase(c));
            }
            out.append(c == '&' ? "&&" : String.valueOf(c));
        }
        return out.toString();
    }

    private int pick(String label, boolean initialsOnly) {
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean initial = i == 0 || !Character.isLetterOrDigit(label.charAt(i - 1));
            if (Character.isLetterOrDigit(c) && c < 128 && (initial || !initialsOnly)
                    && !used.contains(Character.toLowerCase(c))) {
                return i;
            }
        }
        return -1;
    }
}
