package dev.scope.pipeline.api;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The service a plugin publishes for each of its pipelines: the Java form of Scope's
 * {@code register(PipelineClass)}.
 *
 * <p>Publish it as a Declarative Services component:
 *
 * <pre>{@code
 * @Component(service = PipelineFactory.class)
 * public final class InvertFactory implements PipelineFactory<InvertConfig> {
 *     public Pipeline<InvertConfig> create(InvertConfig load) { return new InvertPipeline(); }
 * }
 * }</pre>
 *
 * <p>The engine tracks these services dynamically: a pipeline appears when its bundle starts and
 * disappears when the bundle stops, is updated or uninstalled. Methods are called from engine
 * threads, possibly concurrently; implementations must be stateless or thread-safe.
 *
 * @param <C> the pipeline's config class
 */
@ConsumerType
public interface PipelineFactory<C extends BasePipelineConfig> {

    /**
     * The config class that describes this pipeline: its metadata in a {@link PipelineConfig}
     * annotation and its parameters as annotated public fields. Must have a public no-argument
     * constructor; the field initialisers are the defaults, declared once.
     *
     * <p>The default reads the type argument {@code C} from the implementing class's declaration
     * ({@code implements PipelineFactory<InvertConfig>}); override it when the class is generic.
     *
     * @return the config class, never {@code null}
     * @throws IllegalStateException when {@code C} is not a concrete class in the declaration
     */
    @SuppressWarnings("unchecked")
    default Class<C> configClass() {
        return (Class<C>) ConfigTypes.configClassOf(getClass());
    }

    /**
     * Where this pipeline's code can run. The engine picks one per stage: {@link Backend#JAVA}
     * when it is the only one; with {@link Backend#OPENCL} too, the OpenCL device when one is in
     * use and the stage is faster there, by what the engine measures (a command-line option or
     * a system property can force either). The default: Java only.
     *
     * @return the backends, always including {@link Backend#JAVA}
     */
    default Set<Backend> backends() {
        return Set.of(Backend.JAVA);
    }

    /**
     * Creates a new pipeline instance. The engine owns the instance and closes it.
     *
     * @param load a fresh config object holding every parameter: defaults overridden by the load
     *        request. Load parameters ({@link Ui#loadParam()}) are read from here; runtime
     *        parameters arrive with every call. The object belongs to the new instance.
     * @return the new instance, never {@code null}
     * @throws Exception when the pipeline cannot be created; the load fails with the message
     */
    Pipeline<C> create(C load) throws Exception;
}
