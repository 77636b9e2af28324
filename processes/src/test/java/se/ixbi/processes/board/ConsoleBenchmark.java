package se.ixbi.processes.board;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.testservers.ConsoleSessions;
import se.ixbi.processes.IxbiTest;

/**
 * How fast the console's board and statistics answer with many cases: {@code ./mvnw -B -q install -DskipTests &&
 * ./mvnw -B -pl processes test -Dtest=ConsoleBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dbench.cases=2000]}. The cases are made through the engine as real ones are (registered, then half granted
 * consent and waiting for a biopsy, half declined and finished), then each page is fetched over HTTP by a signed-in
 * browser session; prints the median and the slowest of 20 fetches after 5 to warm up. Not part of the test run.
 */
@IxbiTest
class ConsoleBenchmark {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void boardAndStatisticsWithManyCases() throws Exception {
        int count = Integer.getInteger("bench.cases", 2000);
        long made = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String caseId = driver.register(1.0);
            if (i % 2 == 0) {
                driver.consent(caseId, true, true, true);
            } else {
                driver.decline(caseId);
            }
        }
        System.out.printf("made %d cases through the engine in %.0f s%n", count, (System.nanoTime() - made) / 1e9);
        String base = "http://localhost:" + port;
        HttpClient browser = ConsoleSessions.signIn(base, "coordinator");
        for (String page : List.of("/", "/board/rows", "/?limit=5000", "/statistics", "/queue")) {
            List<Double> millis = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < 25; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(base + page)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new AssertionError(page + " answered " + response.statusCode());
                }
                if (i >= 5) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
                bytes = response.body().length();
            }
            millis.sort(null);
            System.out.printf("BENCH %-12s %d cases (%d active): median %.0f ms, slowest %.0f ms, %d kB%n", page,
                    count, (count + 1) / 2, millis.get(millis.size() / 2), millis.get(millis.size() - 1),
                    bytes / 1024);
        }
    }
}
