package dev.scope.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CliApplicationTest {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
	private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

	@Test
	void printsEachArgumentOnItsOwnLine() {
		int code = new CliApplication().run(List.of("pipelines", "--json", "two words"), out);

		assertEquals(0, code);
		assertEquals("pipelines\n--json\ntwo words\n", bytes.toString(StandardCharsets.UTF_8).replace("\r", ""));
	}

	@Test
	void failAsFirstArgumentExitsWith3() {
		assertEquals(CliApplication.EXIT_FAILED, new CliApplication().run(List.of("fail"), out));
		assertEquals(0, new CliApplication().run(List.of("x", "fail"), out));
	}

	@Test
	void noArgumentsPrintNothing() {
		assertEquals(0, new CliApplication().run(List.of(), out));
		assertEquals("", bytes.toString(StandardCharsets.UTF_8));
	}
}
