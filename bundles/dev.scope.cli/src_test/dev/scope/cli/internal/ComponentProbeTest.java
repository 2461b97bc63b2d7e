package dev.scope.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

class ComponentProbeTest {

	@Test
	void bndGeneratedTheComponentDescription() {
		Bundle bundle = FrameworkUtil.getBundle(ComponentProbe.class);
		assertNotNull(bundle, "dev.scope.cli is not running as an OSGi bundle");
		assertEquals("dev.scope.cli", bundle.getSymbolicName());
		String header = bundle.getHeaders("").get("Service-Component");
		assertNotNull(header, "no Service-Component header in the generated manifest");
		assertTrue(header.contains("OSGI-INF/dev.scope.cli.internal.ComponentProbe.xml"), header);
		assertNotNull(bundle.getEntry("OSGI-INF/dev.scope.cli.internal.ComponentProbe.xml"));
	}

	@Test
	void scrActivatesTheImmediateComponent() throws InterruptedException {
		Bundle bundle = FrameworkUtil.getBundle(ComponentProbe.class);
		ServiceTracker<ComponentProbe, ComponentProbe> tracker = new ServiceTracker<>(bundle.getBundleContext(),
				ComponentProbe.class, null);
		tracker.open();
		try {
			ComponentProbe probe = tracker.waitForService(10_000);
			assertNotNull(probe, "SCR did not register ComponentProbe within 10 s");
			assertTrue(probe.isActive(), "ComponentProbe registered but not activated");
			ServiceReference<ComponentProbe> reference = tracker.getServiceReference();
			assertEquals(ComponentProbe.class.getName(), reference.getProperty("component.name"));
			assertEquals(Bundle.ACTIVE, bundle.getState());
		} finally {
			tracker.close();
		}
	}
}
