package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// languageBox is 设置's 界面语言: Chinese unless the clerk asks for English, from the next start
// (every window is built in the language loaded at start).
func (s *settingsScreen) languageBox() fyne.CanvasObject {
	english := widget.NewCheck(T("settings.english_ui"), nil)
	english.SetChecked(UILanguage() == LangEnglish)
	english.OnChanged = func(on bool) {
		lang := LangChinese
		if on {
			lang = LangEnglish
		}
		if err := SaveUILanguage(lang); err != nil {
			s.w.showError(err)
			return
		}
		dialog.ShowInformation(T("settings.language"), T("settings.language_restart"), s.w.Win)
	}
	return container.NewHBox(widget.NewLabelWithStyle(T("settings.language"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), english)
}
