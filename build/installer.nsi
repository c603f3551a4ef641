; The Windows installer for 社区治理工作台 (shequ), built by build/windows.sh:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DNUMVER=0.1.0 -DAPPNAME=社区治理工作台 \
;            -DSRCDIR=dist/windows -DICON=shequ.ico -DOUTFILE=dist/windows/shequ-setup-0.1.0.exe build/installer.nsi
;
; - Chinese pages (MUI2, SimpChinese).
; - Run by an administrator (or elevated through UAC): installs for all users under
;   %ProgramFiles%\shequ, shortcuts in the common Start menu and desktop, entry under HKLM.
;   Run by anyone else, or with /CURRENTUSER: installs for the current user without
;   administrator rights under %LOCALAPPDATA%\Programs\shequ, entry under HKCU.
; - /S installs silently (for IT staff deploying to many desks); /D=DIR (last) picks the folder.
; - The database and backups live in each user's %AppData%\shequ (or where 设置 puts them), never
;   in the program folder: upgrading over an older version replaces only the program files, and
;   shequ migrates the database on its next start; uninstalling leaves the data and says so.
Unicode true
; 64-bit installer: shequ is 64-bit only, and Wine in CI runs 64-bit programs only (no wine32).
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true
RequestExecutionLevel highest

!macro Require NAME
  !ifndef ${NAME}
    !error "build/installer.nsi: -D${NAME}=… is missing (see build/windows.sh)"
  !endif
!macroend
!insertmacro Require VERSION
!insertmacro Require NUMVER
!insertmacro Require APPNAME
!insertmacro Require SRCDIR
!insertmacro Require ICON
!insertmacro Require OUTFILE
; PUBLISHER: the name 应用和功能 shows as 发布者 and the installer's CompanyName. A placeholder until
; the bureau confirms the name to use; change it here (the only place) or pass -DPUBLISHER=….
!ifndef PUBLISHER
  !define PUBLISHER "shequ 社区治理工作台项目组"
!endif
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\shequ"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装"
UninstallCaption "${APPNAME} 卸载"
OutFile "${OUTFILE}"
BrandingText "${APPNAME} ${VERSION}"
InstallDir "$LOCALAPPDATA\Programs\shequ"

VIProductVersion "${NUMVER}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本向导将在这台电脑上安装 ${APPNAME} ${VERSION}。$\r$\n$\r$\n若已安装较早的版本，将直接升级：原有的数据库和备份都会保留，程序下次启动时自动升级数据库。$\r$\n$\r$\n安装前请先关闭正在运行的 ${APPNAME}。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\shequ.exe"
!define MUI_FINISHPAGE_RUN_TEXT "立即启动 ${APPNAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从这台电脑上删除 ${APPNAME} 的程序文件和快捷方式。$\r$\n您的数据库和备份（默认在 %AppData%\shequ 文件夹）不会被删除，重新安装后可以继续使用。"
!define MUI_UNFINISHPAGE_NOAUTOCLOSE

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_UNPAGE_FINISH
!insertmacro MUI_LANGUAGE "SimpChinese"

Var AllUsers ; "1": installed for all users (HKLM, common shortcuts)

; Administrators install for all users unless /CURRENTUSER is given.
Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME} 需要 64 位 Windows。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  StrCpy $AllUsers "0"
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/CURRENTUSER" $1
  ${If} ${Errors}
    UserInfo::GetAccountType
    Pop $1
    ${If} $1 == "Admin"
      StrCpy $AllUsers "1"
    ${EndIf}
  ${EndIf}
  ${If} $AllUsers == "1"
    ; /D= on the command line has already set INSTDIR; keep it then. (Compared before the
    ; context switch: with "all", $LOCALAPPDATA names the all-users folder.)
    ${If} $INSTDIR == "$LOCALAPPDATA\Programs\shequ"
      StrCpy $INSTDIR "$PROGRAMFILES64\shequ"
    ${EndIf}
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

!macro WriteUninstallEntry ROOT
  WriteRegStr ${ROOT} "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr ${ROOT} "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr ${ROOT} "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr ${ROOT} "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\shequ.exe,0"
  WriteRegStr ${ROOT} "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr ${ROOT} "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr ${ROOT} "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD ${ROOT} "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD ${ROOT} "${UNINSTKEY}" "NoRepair" 1
  WriteRegDWORD ${ROOT} "${UNINSTKEY}" "EstimatedSize" $0
!macroend

Section "${APPNAME}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; A running shequ.exe holds its file open: say so instead of failing half-way.
  ClearErrors
  File "${SRCDIR}\shequ.exe"
  ${If} ${Errors}
    MessageBox MB_OK|MB_ICONSTOP "无法写入 $INSTDIR\shequ.exe：请先关闭正在运行的 ${APPNAME}，再重新运行安装程序。" /SD IDOK
    Abort
  ${EndIf}
  File "${SRCDIR}\shequctl.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\shequ.exe" "" "$INSTDIR\shequ.exe" 0
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\shequ.exe" "" "$INSTDIR\shequ.exe" 0

  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  ${If} $AllUsers == "1"
    !insertmacro WriteUninstallEntry HKLM
  ${Else}
    !insertmacro WriteUninstallEntry HKCU
  ${EndIf}
SectionEnd

; The uninstaller finds out how it was installed from where its entry is.
Function un.onInit
  SetRegView 64
  ReadRegStr $0 HKLM "${UNINSTKEY}" "InstallLocation"
  ${If} $0 == $INSTDIR
    StrCpy $AllUsers "1"
    SetShellVarContext all
  ${Else}
    StrCpy $AllUsers "0"
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "$INSTDIR\shequ.exe"
  Delete "$INSTDIR\shequctl.exe"
  Delete "$INSTDIR\uninstall.exe"
  ; Only removes the folder when nothing else is left in it.
  RMDir "$INSTDIR"
  ${If} $AllUsers == "1"
    DeleteRegKey HKLM "${UNINSTKEY}"
  ${Else}
    DeleteRegKey HKCU "${UNINSTKEY}"
  ${EndIf}
  DetailPrint "程序文件已删除。您的数据库和备份仍保留在 %AppData%\shequ（或在“设置”中选择的备份文件夹），未被删除。"
SectionEnd
