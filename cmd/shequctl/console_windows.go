//go:build windows

package main

import "syscall"

// setupConsole switches the console to UTF-8 so Chinese messages are readable in cmd.exe.
func setupConsole() {
	const cpUTF8 = 65001
	k := syscall.NewLazyDLL("kernel32.dll")
	_, _, _ = k.NewProc("SetConsoleOutputCP").Call(cpUTF8)
	_, _, _ = k.NewProc("SetConsoleCP").Call(cpUTF8)
}
