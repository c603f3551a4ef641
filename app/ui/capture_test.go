package ui

import (
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestFinishCapture: after the screenshot the window is closed (the way that lets GLFW shut down
// on Windows), and if the process is still alive after the grace time it exits by itself with
// the screenshot's status.
func TestFinishCapture(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want int
	}{{"written", nil, 0}, {"failed", errors.New("无法写入截图"), 1}} {
		t.Run(tt.name, func(t *testing.T) {
			fa := test.NewTempApp(t)
			win := fa.NewWindow("t")
			closed := false
			win.SetOnClosed(func() { closed = true })
			exited := make(chan int, 1)
			old := exitProcess
			exitProcess = func(code int) { exited <- code }
			t.Cleanup(func() { exitProcess = old })

			FinishCapture(win, tt.err, 10*time.Millisecond)
			if !closed {
				t.Error("the window was not closed")
			}
			select {
			case code := <-exited:
				if code != tt.want {
					t.Errorf("exit status %d, want %d", code, tt.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("a hanging shutdown did not end the process")
			}
		})
	}
}
