package dev.scope.ui.chain.internal;

import java.util.ArrayList;
import java.util.List;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.StageSpec;

/**
 * New chains from old ones: one section replaced, the main pipeline or the mode changed. Every
 * stage that stays keeps its values; the bypass flags travel with their stages, so that they can be
 * given again after {@code setChain} (which clears them).
 *
 * @param chain the chain
 * @param bypass per stage in chain order
 */
record Edits(ChainSpec chain, List<Boolean> bypass) {

    Edits {
        bypass = List.copyOf(bypass);
        if (bypass.size() != chain.stages().size()) {
            bypass = padded(bypass, chain.stages().size());
        }
    }

    private static List<Boolean> padded(List<Boolean> flags, int size) {
        List<Boolean> out = new ArrayList<>(flags.subList(0, Math.min(size, flags.size())));
        while (out.size() < size) {
            out.add(false);
        }
        return out;
    }

    /** @return the rows of one section ({@link Role#PRE} or {@link Role#POST}) */
    List<Row> rows(Role role) {
        List<StageSpec> specs = role == Role.PRE ? chain.pre() : chain.post();
        int first = role == Role.PRE ? 0 : chain.pre().size() + 1;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            rows.add(new Row(specs.get(i), bypass.get(first + i)));
        }
        return rows;
    }

    /** @return whether the main pipeline is bypassed */
    boolean mainBypassed() {
        return bypass.get(chain.pre().size());
    }

    /** @return the chain with one section replaced */
    Edits withRows(Role role, List<Row> rows) {
        List<Row> pre = role == Role.PRE ? rows : rows(Role.PRE);
        List<Row> post = role == Role.POST ? rows : rows(Role.POST);
        List<Boolean> flags = new ArrayList<>();
        pre.forEach(r -> flags.add(r.bypass()));
        flags.add(mainBypassed());
        post.forEach(r -> flags.add(r.bypass()));
        return new Edits(new ChainSpec(specs(pre), chain.main(), specs(post), chain.mode(), chain.backend(),
                chain.deadlineMillis()), flags);
    }

    private static List<StageSpec> specs(List<Row> rows) {
        return rows.stream().map(Row::spec).toList();
    }

    /** @return the chain with another main pipeline (its default values), not bypassed */
    Edits withMain(String id, String mode) {
        List<Boolean> flags = new ArrayList<>(bypass);
        flags.set(chain.pre().size(), false);
        StageSpec main = id.equals(chain.main().pipelineId()) ? chain.main() : StageSpec.of(id);
        return new Edits(new ChainSpec(chain.pre(), main, chain.post(), mode, chain.backend(), chain.deadlineMillis()),
                flags);
    }

    /** @return {@code rows} with the row at {@code from} moved to {@code to} (an index of the result) */
    static List<Row> moved(List<Row> rows, int from, int to) {
        List<Row> out = new ArrayList<>(rows);
        Row r = out.remove(from);
        out.add(Math.max(0, Math.min(to, out.size())), r);
        return out;
    }
}
