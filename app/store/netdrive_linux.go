//go:build linux

package store

import "syscall"

// Magic numbers of statfs(2)'s f_type for the network file systems a desk database must avoid.
var remoteMagic = map[int64]string{
	0xFF534D42: "cifs",
	0xFE534D42: "smb2",
	0x517B:     "smb",
	0x6969:     "nfs",
}

func remoteFSType(magic int64) (string, bool) {
	name, ok := remoteMagic[magic]
	return name, ok
}

func networkFS(path string) (bool, string) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return false, ""
	}
	name, ok := remoteFSType(int64(st.Type))
	return ok, name
}
