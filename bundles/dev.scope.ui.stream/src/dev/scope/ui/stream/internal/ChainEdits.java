package dev.scope.ui.stream.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.StageSpec;

/** New chains from old ones with one stage's values changed. */
final class ChainEdits {

    private ChainEdits() {
    }

    /**
     * @return {@code chain} with {@code values} merged into the values of the stage at {@code index}
     *         (chain order)
     * @throws IndexOutOfBoundsException for a stage the chain does not have
     */
    static ChainSpec withParams(ChainSpec chain, int index, Map<String, ?> values) {
        int stages = chain.stages().size();
        if (index < 0 || index >= stages) {
            throw new IndexOutOfBoundsException("stage " + index + " of a chain of " + stages);
        }
        List<StageSpec> pre = new ArrayList<>(chain.pre());
        List<StageSpec> post = new ArrayList<>(chain.post());
        StageSpec main = chain.main();
        if (index < pre.size()) {
            pre.set(index, merged(pre.get(index), values));
        } else if (index == pre.size()) {
            main = merged(main, values);
        } else {
            int i = index - pre.size() - 1;
            post.set(i, merged(post.get(i), values));
        }
        return new ChainSpec(pre, main, post, chain.mode(), chain.backend(), chain.deadlineMillis());
    }

    private static StageSpec merged(StageSpec stage, Map<String, ?> values) {
        Map<String, Object> params = new LinkedHashMap<>(stage.params());
        params.putAll(values);
        return new StageSpec(stage.pipelineId(), params);
    }

    /** @return {@code size} times false */
    static List<Boolean> noBypass(int size) {
        return java.util.Collections.nCopies(size, Boolean.FALSE);
    }
}
