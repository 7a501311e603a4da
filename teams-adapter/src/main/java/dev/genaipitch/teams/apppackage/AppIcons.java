package dev.genaipitch.teams.apppackage;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * The app's icons, drawn rather than stored: a speech bubble holding two layers, the slim one for
 * using AI (Bedrock) above the broad one for building it (SageMaker).
 */
final class AppIcons {

  private static final Color INK = new Color(0x23, 0x2F, 0x3E);
  private static final Color DEEP_TEAL = new Color(0x0F, 0x5E, 0x78);
  private static final Color ORANGE = new Color(0xFF, 0x99, 0x00);

  private AppIcons() {}

  /** 192×192, full colour: white bubble on a dark gradient, the top layer in orange. */
  static BufferedImage color() {
    int size = 192;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(image);
    g.setPaint(new GradientPaint(0, 0, DEEP_TEAL, size, size, INK));
    g.fillRect(0, 0, size, size);
    // Teams asks for the symbol inside the middle 120×120.
    g.setColor(Color.WHITE);
    g.fill(bubble(36, 40, 120, 96, 22));
    g.setColor(ORANGE);
    g.fill(new RoundRectangle2D.Double(66, 64, 60, 16, 8, 8));
    g.setColor(INK);
    g.fill(new RoundRectangle2D.Double(56, 88, 80, 20, 8, 8));
    g.dispose();
    return image;
  }

  /** 32×32, white on transparent, as Teams requires of the outline icon. */
  static BufferedImage outline() {
    int size = 32;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(image);
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(bubble(3, 4, 26, 21, 5));
    g.fill(new RoundRectangle2D.Double(11, 9.5, 10, 3, 2, 2));
    g.fill(new RoundRectangle2D.Double(9, 14.5, 14, 4, 2, 2));
    g.dispose();
    return image;
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    return g;
  }

  /** A rounded box {@code w}×{@code h} at ({@code x},{@code y}) with a tail at the lower left. */
  private static Area bubble(double x, double y, double w, double h, double radius) {
    double box = h * 0.78;
    Area bubble = new Area(new RoundRectangle2D.Double(x, y, w, box, radius * 2, radius * 2));
    Path2D tail = new Path2D.Double();
    tail.moveTo(x + w * 0.22, y + box - 1);
    tail.lineTo(x + w * 0.18, y + h);
    tail.lineTo(x + w * 0.42, y + box - 1);
    tail.closePath();
    bubble.add(new Area(tail));
    return bubble;
  }
}
