package dev.scope.engine.internal;

import static dev.scope.engine.internal.TestStages.labelled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.scope.engine.fixture.PromptedConfig;
import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/** The runtime parameter {@code prompts} reaches a stage's calls as {@code CallContext.prompts()}. */
class PromptsTest {

    private final FramePool pool = new FramePool();

    @Test
    void promptsSetWhileStreamingReachTheNextCallInOrder() {
        List<List<String>> seen = new ArrayList<>();
        Stage stage = TestStages.stage(TestStages.services(pool), new Placement(false, null), 0, 1,
                (frames, context) -> {
                    seen.add(context.prompts());
                    return new ArrayList<>(frames);
                }, PromptedConfig.class);
        List<Frame> in = List.of(labelled(pool, 1), labelled(pool, 2), labelled(pool, 3));
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage))) {
            chain.push(in.get(0)).forEach(Frame::release);
            chain.setParams(0, Map.of("prompts", List.of(Map.of("text", "a forest", "weight", 0.7), "neon rain")));
            chain.push(in.get(1)).forEach(Frame::release);
            chain.setParams(0, Map.of("prompts", List.of()));
            chain.push(in.get(2)).forEach(Frame::release);
        }
        in.forEach(Frame::release); // the caller's
        assertEquals(List.of(List.of(), List.of("a forest", "neon rain"), List.of()), seen);
        assertEquals(0, pool.stats().framesInUse());
    }

    @Test
    void aBadPromptOrAPipelineWithoutPromptsIsRefusedNamingIt() {
        Stage prompted = TestStages.stage(TestStages.services(pool), new Placement(false, null), 0, 1,
                (frames, context) -> new ArrayList<>(frames), PromptedConfig.class);
        try (ChainImpl chain = ChainImpl.of("video", List.of(prompted))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> chain.setParams(0, Map.of("prompts", List.of(Map.of("text", "x", "weight", -1)))));
            assertEquals("fixture-prompted: parameter 'prompts[0]' got the weight -1; expected a list of"
                    + " {\"text\": string, \"weight\": number >= 0} (or of strings)", e.getMessage());
        }
        Stage plain = TestStages.stage(pool, 0, 1, frames -> new ArrayList<>(frames));
        try (ChainImpl chain = ChainImpl.of("video", List.of(plain))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> chain.setParams(0, Map.of("prompts", List.of("x"))));
            assertEquals("fixture-add: takes no prompts (its supports_prompts is false)", e.getMessage());
        }
    }
}
