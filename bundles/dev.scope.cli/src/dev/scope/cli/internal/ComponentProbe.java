package dev.scope.cli.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Activated by SCR as soon as the bundle starts. It has no job of its own: the bundle's OSGi
 * test uses it to prove that bnd generated the DS XML and that SCR runs in the test framework.
 */
@Component(service = ComponentProbe.class, immediate = true)
public final class ComponentProbe {

	private volatile boolean active;

	@Activate
	void activate() {
		active = true;
	}

	@Deactivate
	void deactivate() {
		active = false;
	}

	public boolean isActive() {
		return active;
	}
}
