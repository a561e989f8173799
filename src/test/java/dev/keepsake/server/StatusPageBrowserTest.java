package dev.keepsake.server;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static dev.keepsake.testing.SyncthingPair.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.keepsake.app.Service;
import dev.keepsake.config.ConfigLoader;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.config.ServiceSettings;
import dev.keepsake.testing.Images;
import dev.keepsake.testing.Mp4Fixture;
import java.awt.Color;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page as a person sees it, in Debian's Chromium (through its chromedriver): at a phone's
 * width and a desktop's, the safe line, a waiting file and its problem after a fault, thumbnails that
 * are real images (a placeholder for a video), a search that finds a file's history, and the page
 * turning safe once the fault is fixed. Screenshots go to {@code target/screenshots/}.
 */
@Tag("browser")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StatusPageBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");

  @TempDir Path tmp;
  private ChromeDriver browser;
  private GreenMail smtp;
  private Service service;

  @BeforeEach
  void browser() {
    boolean present = CHROMIUM.canExecute() && DRIVER.canExecute();
    if (!present && "1".equals(System.getenv("KEEPSAKE_REQUIRE_BROWSER"))) {
      throw new AssertionError("chromium and chromium-driver are required (KEEPSAKE_REQUIRE_BROWSER=1) but not installed");
    }
    Assumptions.assumeTrue(present, "no /usr/bin/chromium and /usr/bin/chromedriver (apt install chromium chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + tmp.resolve("chromium-profile"));
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
    browser = new ChromeDriver(driver, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void anOwnerSeesTheSafeLineAFaultThumbnailsAndAFilesHistoryOnAPhoneAndADesktop() throws Exception {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    Path phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Files.write(phone.resolve("IMG_big.jpg"), Images.jpeg(3000, 2000, new Color(30, 120, 200)));
    Files.write(phone.resolve("Screenshot_wide.png"), Images.png(1200, 400, new Color(240, 160, 30)));
    Files.write(phone.resolve("VID_clip.mp4"), Mp4Fixture.mp4(Instant.parse("2025-05-05T10:00:00Z"), "clip"));
    Files.write(phone.resolve("IMG_blocked.jpg"), jpeg().original("2023:09:16 12:00:00").salt("b").bytes());
    Path blocker = Files.writeString(archive.resolve("2023"), "a file where the 2023 folder belongs");
    Path config = Files.writeString(tmp.resolve("keepsake.yaml"), """
        archive: { root: archive, zone: Europe/Berlin }
        sources:
          pixel: { path: pixel }
        settle: 1s
        retry: { first: 1s, max: 2s }
        notify:
          to: [me@example.org]
          smtp: { host: 127.0.0.1, port: %d, starttls: false, timeout: 5s }
          digest: { group-wait: 1s, group-interval: 1s, repeat-interval: 24h, resolve-after: 2s }
        server: { listen: "127.0.0.1:0" }
        """.formatted(smtp.getSmtp().getPort()));
    var parsed = ConfigLoader.load(config);
    IngestSettings ingest = IngestSettings.fromConfig(parsed, config, IngestSettings.FolderResolver.NONE);
    ServiceSettings settings = ServiceSettings.fromConfig(parsed, config, System.getenv());
    service = Service.start(ingest, settings, null, NotifySettings.from(parsed, config, ingest.archiveRoot(), ingest.zone(),
        settings.warnings()), Clock.systemUTC());
    String base = "http://127.0.0.1:" + service.server().address().getPort();
    waitUntil(Duration.ofSeconds(30), "three archived, one waiting on its blocked folder, the problem recorded",
        () -> get(base + "/api/status").contains("\"waitingFiles\" : 1") && get(base + "/api/status").contains("\"kind\" : \"io-error\""));

    for (int width : new int[] {375, 1280}) {
      browser.manage().window().setSize(new Dimension(width, 1400));
      browser.get(base + "/");
      String safe = browser.findElement(By.cssSelector("article.phone[data-source=pixel] .safe")).getText();
      assertThat(safe).as(width + " px").startsWith("pixel: NOT safe");
      assertThat(browser.findElement(By.cssSelector("article.phone[data-source=pixel] .waiting")).getText())
          .contains("1 file waiting").contains("io-error");
      assertThat(browser.findElement(By.id("problems")).getText()).contains("io-error").contains("DCIM/IMG_blocked.jpg");
      List<WebElement> thumbs = browser.findElements(By.cssSelector("#recent img"));
      assertThat(thumbs).hasSize(3);
      for (WebElement img : thumbs) {
        Long natural = (Long) ((JavascriptExecutor) browser).executeScript(
            "return arguments[0].complete ? arguments[0].naturalWidth : -1;", img);
        assertThat(natural).as(img.getAttribute("alt") + " shows as an image").isPositive();
        HttpResponse<byte[]> thumb = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(img.getAttribute("src"))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        String type = thumb.headers().firstValue("Content-Type").orElse("");
        if (img.getAttribute("alt").endsWith(".mp4")) {
          assertThat(type).startsWith("image/svg+xml");
          assertThat(new String(thumb.body(), java.nio.charset.StandardCharsets.UTF_8)).contains(">video<");
        } else {
          assertThat(type).isEqualTo("image/jpeg");
          var decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumb.body()));
          assertThat(Math.max(decoded.getWidth(), decoded.getHeight())).isEqualTo(Thumbnails.EDGE);
        }
      }
      Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      screenshot("status-" + width + ".png");
      Object wide = ((JavascriptExecutor) browser).executeScript("var w = document.documentElement.clientWidth, out = [];"
          + " document.querySelectorAll('body *').forEach(function (e) { var r = e.getBoundingClientRect();"
          + " if (r.right > w + 1) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); }); return out.slice(0, 8).join(', ');");
      assertThat(overflow).as("no sideways scrolling at " + width + " px; too wide: " + wide).isLessThanOrEqualTo(0L);
      assertThat(browser.findElement(By.id("days")).findElement(By.tagName("svg")).getSize().getWidth()).isPositive();
      assertThat(browser.findElement(By.id("archive-size")).getText()).contains("3 files").contains("free");
      screenshot("status-" + width + ".png");

      WebElement box = browser.findElement(By.name("q"));
      box.clear();
      box.sendKeys("IMG_big.jpg");
      box.submit();
      waitUntil(Duration.ofSeconds(10), "the search answered", () -> !browser.findElements(By.cssSelector("#results .story")).isEmpty());
      String story = browser.findElement(By.cssSelector("#results .story")).getText();
      assertThat(story).contains("first seen at pixel:DCIM/IMG_big.jpg").contains("archived as 2026/").contains("by mtime");
      screenshot("status-search-" + width + ".png");
    }

    Files.delete(blocker); // the fix
    waitUntil(Duration.ofSeconds(30), "archived on its own", () -> Files.exists(archive.resolve("2023/09/IMG_blocked.jpg")));
    waitUntil(Duration.ofSeconds(20), "the page turns safe", () -> {
      browser.get(base + "/");
      return browser.findElement(By.cssSelector("article.phone[data-source=pixel] .safe")).getText()
          .startsWith("pixel: safe to delete everything up to");
    });
    assertThat(browser.findElement(By.cssSelector("article.phone[data-source=pixel] .waiting")).getText()).isEqualTo("nothing waiting");
    screenshot("status-safe-1280.png");
  }

  private void screenshot(String name) throws Exception {
    Path dir = Files.createDirectories(Path.of("target/screenshots"));
    Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static String get(String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
