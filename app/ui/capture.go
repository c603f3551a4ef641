package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
)

// FirstPaint is closed when the window paints its first frame (see WithPaintMarker).
var FirstPaint = make(chan struct{})

var firstPaintOnce sync.Once

// WithPaintMarker overlays a 1×1 transparent raster whose generator the painter calls while it
// draws a frame: the first call marks the first rendered frame.
func WithPaintMarker(content fyne.CanvasObject) fyne.CanvasObject {
	marker := canvas.NewRaster(func(w, h int) image.Image {
		firstPaintOnce.Do(func() { close(FirstPaint) })
		return image.NewUniform(color.Transparent)
	})
	marker.SetMinSize(fyne.NewSize(1, 1))
	return container.NewStack(content, container.NewWithoutLayout(marker))
}

// CaptureWindow returns what the window shows. The GL front buffer cannot be read back on
// every X server (Xvfb gives an empty image), so when that capture is blank the same canvas
// content is drawn with Fyne's software painter at the window's size.
func CaptureWindow(win fyne.Window) image.Image {
	if img := win.Canvas().Capture(); Drawn(img) {
		return img
	}
	content := win.Content()
	size := win.Canvas().Size()
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(content)
	c.Resize(size)
	return c.Capture()
}

// Drawn reports whether a captured frame has content: more than one distinct colour.
func Drawn(img image.Image) bool {
	if img == nil || img.Bounds().Empty() {
		return false
	}
	b := img.Bounds()
	r0, g0, b0, _ := img.At(b.Min.X, b.Min.Y).RGBA()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bb, _ := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bb != b0 {
				return true
			}
		}
	}
	return false
}

// WritePNG saves a captured frame.
func WritePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// exitProcess ends the process; the tests replace it.
var exitProcess = os.Exit

// FinishCapture ends a --screenshot run once the picture is written (err: why it was not). It
// closes win the way a clerk closes the window, so Fyne destroys the GL window before GLFW
// terminates — quitting the app with the window still open never returned on Windows (under
// Wine the process hung after writing the picture until CI killed it). Should the shutdown
// still not end within grace, the process exits by itself: status 0, or 1 with err on stderr.
// Call it on the UI goroutine.
func FinishCapture(win fyne.Window, err error, grace time.Duration) {
	time.AfterFunc(grace, func() {
		code := 0
		if err != nil {
			fmt.Fprintln(os.Stderr, "错误：", err)
			code = 1
		}
		fmt.Fprintf(os.Stderr, "截图后窗口关闭超过 %v 仍未退出，直接结束程序\n", grace)
		exitProcess(code)
	})
	win.Close()
}
