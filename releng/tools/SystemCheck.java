import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scope.media.TestPattern;

/**
 * Assertions for releng/system-test over what the real ./scope wrote: JSON documents and PNG
 * frames. Run as a single-file program with Jackson and the media + API bundles on the class
 * path. Exits 1 with one line saying what differs.
 */
public final class SystemCheck {

    static final List<String> SCHEMA_KEYS = List.of("id", "name", "description", "version", "docs_url",
            "estimated_vram_gb", "requires_models", "supports_lora", "supports_vace", "supports_cache_management",
            "supports_kv_cache_bias", "supports_quantization", "min_dimension",
            "recommended_quantization_vram_threshold", "modified", "supports_prompts",
            "default_temporal_interpolation_method", "default_temporal_interpolation_steps",
            "default_spatial_interpolation_method", "supported_modes", "default_mode", "produces_video",
            "produces_audio", "usage", "inputs", "outputs", "config_schema", "plugin_name");

    public static void main(String[] args) throws Exception {
        try {
            switch (args[0]) {
                case "json" -> json(Path.of(args[1]));
                case "schemas-has" -> schemasHas(Path.of(args[1]), args[2], args[3]);
                case "schemas-lacks" -> schemasLacks(Path.of(args[1]), args[2]);
                case "pipelines-has" -> pipelinesHas(Path.of(args[1]), args[2], args[3]);
                case "plugins-active" -> pluginsActive(Path.of(args[1]), List.of(args).subList(2, args.length));
                case "inverse-of-pattern" -> inverse(Path.of(args[1]), Integer.parseInt(args[2]));
                case "solid" -> solid(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                        Integer.parseInt(args[7]));
                case "grey" -> grey(Path.of(args[1]), Integer.parseInt(args[2]));
                case "ui" -> ui(Path.of(args[1]), args[2], args[3], args[4]);
                case "probe" -> probe(Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), Double.parseDouble(args[5]));
                case "stats" -> stats(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]),
                        Long.parseLong(args[4]));
                case "stats-path" -> statsPath(Path.of(args[1]), args[2]);
                case "workbench-report" -> workbenchReport(Path.of(args[1]), args[2]);
                case "live-report" -> liveReport(Path.of(args[1]), args[2]);
                case "screenshot" -> screenshot(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]));
                default -> throw new AssertionError("unknown check " + args[0]);
            }
        } catch (AssertionError e) {
            System.err.println("check failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The whole file is one JSON document: nothing before it, nothing after it. */
    static JsonNode json(Path file) throws Exception {
        try {
            return new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(Files.readString(file));
        } catch (Exception e) {
            throw new AssertionError(file + " is not valid JSON: " + e.getMessage());
        }
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    /** The pipeline is listed with every key of get_schema_with_metadata and the plugin name. */
    static void schemasHas(Path file, String id, String plugin) throws Exception {
        JsonNode p = json(file).path("pipelines").path(id);
        check(p.isObject(), id + " is not in " + file);
        List<String> keys = new ArrayList<>();
        p.fieldNames().forEachRemaining(keys::add);
        for (String key : SCHEMA_KEYS) {
            check(keys.contains(key), id + " lacks key " + key + "; has " + keys);
        }
        String actual = p.get("plugin_name").isNull() ? "null" : p.get("plugin_name").asText();
        check(actual.equals(plugin), id + " plugin_name is " + actual + ", expected " + plugin);
        check(p.path("config_schema").path("type").asText().equals("object"), id + " config_schema.type");
    }

    static void schemasLacks(Path file, String id) throws Exception {
        check(!json(file).path("pipelines").has(id), id + " is still listed in " + file);
    }

    static void pipelinesHas(Path file, String id, String plugin) throws Exception {
        for (JsonNode p : json(file)) {
            if (p.path("id").asText().equals(id)) {
                for (String key : List.of("id", "name", "usage", "modes", "plugin")) {
                    check(p.has(key), id + " lacks " + key);
                }
                String actual = p.get("plugin").isNull() ? "null" : p.get("plugin").asText();
                check(actual.equals(plugin), id + " plugin is " + actual + ", expected " + plugin);
                return;
            }
        }
        throw new AssertionError(id + " is not in " + file);
    }

    static void pluginsActive(Path file, List<String> names) throws Exception {
        List<String> seen = new ArrayList<>();
        for (JsonNode p : json(file)) {
            seen.add(p.path("name").asText());
            check(p.path("state").asText().equals("active"), p.path("name").asText() + " is "
                    + p.path("state").asText() + ": " + p.path("error").asText());
        }
        check(seen.equals(names), "installed plugins are " + seen + ", expected " + names);
    }

    static List<File> frames(Path dir, int expected) {
        File[] files = dir.toFile().listFiles((d, n) -> n.startsWith("frame_") && n.endsWith(".png"));
        check(files != null && files.length == expected, dir + " holds "
                + (files == null ? 0 : files.length) + " frames, expected " + expected);
        java.util.Arrays.sort(files);
        return List.of(files);
    }

    /** Frame i is, pixel for pixel, 255 minus test pattern frame i. */
    static void inverse(Path dir, int count) throws Exception {
        List<File> files = frames(dir, count);
        for (int i = 0; i < count; i++) {
            BufferedImage img = ImageIO.read(files.get(i));
            TestPattern pattern = new TestPattern(img.getWidth(), img.getHeight());
            int[] p = pattern.pixels(i); // packed: red in the low byte
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int rgb = img.getRGB(x, y) & 0xFFFFFF;
                    int px = p[y * img.getWidth() + x];
                    int want = (255 - (px & 0xFF)) << 16 | (255 - (px >>> 8 & 0xFF)) << 8 | (255 - (px >>> 16 & 0xFF));
                    check(rgb == want, files.get(i).getName() + " pixel (" + x + "," + y + ") is "
                            + Integer.toHexString(rgb) + ", expected " + Integer.toHexString(want));
                }
            }
        }
    }

    static void solid(Path dir, int count, int w, int h, int r, int g, int b) throws Exception {
        for (File f : frames(dir, count)) {
            BufferedImage img = ImageIO.read(f);
            check(img.getWidth() == w && img.getHeight() == h, f.getName() + " is " + img.getWidth() + "x"
                    + img.getHeight() + ", expected " + w + "x" + h);
            int want = r << 16 | g << 8 | b;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    check((img.getRGB(x, y) & 0xFFFFFF) == want, f.getName() + " pixel (" + x + "," + y + ") is "
                            + Integer.toHexString(img.getRGB(x, y) & 0xFFFFFF) + ", expected " + Integer.toHexString(want));
                }
            }
        }
    }

    /** Every pixel has r == g == b, and the frame is not flat. */
    static void grey(Path dir, int count) throws Exception {
        for (File f : frames(dir, count)) {
            BufferedImage img = ImageIO.read(f);
            java.util.Set<Integer> levels = new java.util.HashSet<>();
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int rgb = img.getRGB(x, y);
                    int r = rgb >> 16 & 0xFF;
                    check(r == (rgb >> 8 & 0xFF) && r == (rgb & 0xFF), f.getName() + " pixel (" + x + "," + y
                            + ") is not grey: " + Integer.toHexString(rgb & 0xFFFFFF));
                    levels.add(r);
                }
            }
            check(levels.size() > 8, f.getName() + " has only " + levels.size() + " grey levels");
        }
    }

    /** What scope probe --json says about a video. */
    static void probe(Path file, long frames, int w, int h, double rate) throws Exception {
        JsonNode p = json(file);
        check(p.path("frames").asLong() == frames, "frames: " + p.path("frames") + ", expected " + frames);
        check(p.path("width").asInt() == w && p.path("height").asInt() == h,
                "size " + p.path("width") + "x" + p.path("height") + ", expected " + w + "x" + h);
        check(Math.abs(p.path("frame_rate").asDouble() - rate) < 0.01, "frame rate " + p.path("frame_rate")
                + ", expected " + rate);
    }

    /** The --stats JSON of scope run. */
    static void stats(Path file, long in, long out, long dropped) throws Exception {
        JsonNode s = json(file);
        for (String key : List.of("input", "output", "mode", "frames_in", "input_dropped", "skipped", "frames_out",
                "output_dropped", "fps",
                "output_frame_rate", "latency_p50_ms", "latency_p99_ms", "wall_seconds", "source_seconds", "stages",
                "warnings", "error")) {
            check(s.has(key), "stats lack " + key);
        }
        long lost = s.path("input_dropped").asLong() + s.path("skipped").asLong() + s.path("output_dropped").asLong();
        check(s.path("frames_in").asLong() == in && s.path("frames_out").asLong() == out && lost == dropped,
                "in/out/dropped+skipped " + s.path("frames_in") + "/" + s.path("frames_out") + "/" + lost
                        + ", expected " + in + "/" + out + "/" + dropped);
        for (JsonNode stage : s.path("stages")) {
            for (String key : List.of("index", "role", "pipeline", "state", "calls", "p50_ms", "p99_ms", "path")) {
                check(stage.has(key), "a stage lacks " + key);
            }
        }
    }

    /** Every stage of the --stats JSON ran on the path given (java, opencl-cpu, opencl-gpu). */
    static void statsPath(Path file, String path) throws Exception {
        JsonNode stages = json(file).path("stages");
        check(stages.isArray() && !stages.isEmpty(), "stats without stages in " + file);
        for (JsonNode stage : stages) {
            check(stage.path("path").asText().equals(path), "stage " + stage.path("pipeline").asText() + " ran on "
                    + stage.path("path") + ", expected " + path);
        }
    }

    /** A property's ui object has the given key and value. */
    static void ui(Path file, String id, String property, String expectedUi) throws Exception {
        JsonNode ui = json(file).path("pipelines").path(id).path("config_schema").path("properties").path(property)
                .path("ui");
        JsonNode want = new ObjectMapper().readTree(expectedUi);
        check(ui.equals(want), id + "." + property + ".ui is " + ui + ", expected " + want);
    }

    /**
     * The workbench driver's smoke report: no error, the main window titled, the stream's first
     * output frame seen, the status line saying Streaming with {@code stream} in it, the shortcuts
     * checked, the window quit with Ctrl+Q.
     */
    static void workbenchReport(Path file, String stream) throws Exception {
        JsonNode r = json(file);
        check(!r.has("error"), "the workbench driver failed: " + r.path("error").asText());
        check("Scope Workbench".equals(r.path("title").asText()), "the window is titled '" + r.path("title").asText()
                + "'");
        check(r.path("frames_out").asLong() > 0, "no output frame was seen: " + r);
        check(r.path("preview_painted").asLong() > 0, "the preview painted no frame: " + r);
        String status = r.path("status_stream").asText();
        check(status.startsWith("Streaming") && status.contains(stream), "the status line says '" + status
                + "', expected Streaming with '" + stream + "'");
        check("posted Ctrl+Q".equals(r.path("quit").asText()), "quitting: " + r.path("quit").asText());
        for (String key : List.of("F6", "F12", "Ctrl+1 Ctrl+4 Ctrl+5", "F5")) {
            check(r.path("keys").has(key), "the shortcut " + key + " was not checked: " + r.path("keys"));
        }
    }

    /**
     * The workbench driver's live report: no error; each slider step (End, Home, Page Down on
     * color-grade's Brightness; Home and End on the installed plugin's Intensity) shown by the
     * output frames within eight frames; slider-to-screen times measured; the plugin installed
     * through the Plugins view, and uninstalled there while its pipeline ran (the stream goes on,
     * the stage fails with the reason, frames pass through); the window quit with Ctrl+Q.
     */
    static void liveReport(Path file, String plugin) throws Exception {
        JsonNode r = json(file);
        check(!r.has("error"), "the workbench driver failed: " + r.path("error").asText());
        for (JsonNode step : List.of(r.path("end"), r.path("home"), r.path("page_down"),
                r.path("plugin").path("intensity_0"), r.path("plugin").path("intensity_1"))) {
            // passthrough takes four frames a call: the call under way and as many on their way
            check(step.path("frames_checked").asInt() >= 16 && step.path("frames_before_change").asInt() < 8,
                    "a slider step was not shown by the output frames: " + step);
        }
        check(r.path("slider_to_screen_ms").path("samples").asInt() > 0, "no slider-to-screen time: " + r);
        JsonNode gone = r.path("plugin").path("uninstalled");
        check(gone.path("frames_checked").asInt() >= 16 && gone.path("frames_before_change").asInt() < 8
                && gone.path("stage_reason").asText().contains(" was uninstalled"),
                "uninstalling the plugin while its pipeline ran did not pass the frames through: " + gone);
        check(plugin.equals(r.path("plugin").path("name").asText())
                && r.path("plugin").path("view_said").asText().startsWith("Installed " + plugin),
                "the Plugins view did not install " + plugin + ": " + r.path("plugin"));
        check("posted Ctrl+Q".equals(r.path("quit").asText()), "quitting: " + r.path("quit").asText());
    }

    /** A PNG of the given size that shows something: at least {@code colours} distinct colours. */
    static void screenshot(Path png, int width, int height, int colours) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        check(image != null, png + " is not an image");
        check(image.getWidth() == width && image.getHeight() == height, png + " is " + image.getWidth() + "x"
                + image.getHeight() + ", expected " + width + "x" + height);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        check(seen.size() >= colours, png + " shows only " + seen.size() + " colours, expected " + colours
                + " or more");
    }
}
