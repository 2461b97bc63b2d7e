package dev.scope.pipeline.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** Finds the config class a factory declares as its type argument. */
final class ConfigTypes {

    private ConfigTypes() {
    }

    static Class<?> configClassOf(Class<?> factory) {
        for (Class<?> c = factory; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == PipelineFactory.class) {
                    if (p.getActualTypeArguments()[0] instanceof Class<?> config
                            && BasePipelineConfig.class.isAssignableFrom(config)) {
                        return config;
                    }
                    throw new IllegalStateException(factory.getName() + " implements " + p.getTypeName()
                            + " without a concrete config class; override configClass()");
                }
            }
        }
        throw new IllegalStateException(factory.getName()
                + " does not implement PipelineFactory<C> with a config class; override configClass()");
    }
}
