"""System errors in Chinese: what went wrong with the disk or a file, and what to do.

The operating system words its errors in the user's locale or in English ("No space left on
device"); a civil servant should read 磁盘空间不足 instead. Known errno values get a Chinese
sentence; any other keeps the system's own words after a Chinese lead-in.
"""

from __future__ import annotations

import errno

_CHINESE = {
    errno.ENOSPC: "磁盘空间不足：请清理磁盘或换一个有空间的位置",
    errno.EDQUOT: "超出了磁盘配额：请清理文件或联系管理员",
    errno.EACCES: "没有权限：请检查文件或文件夹的权限，或换一个位置",
    errno.EPERM: "操作不被允许：请检查文件或文件夹的权限",
    errno.EROFS: "磁盘或文件夹是只读的：请换一个可以写入的位置",
    errno.ENAMETOOLONG: "文件名或路径过长：请用短一些的文件名或文件夹",
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "已存在同名的文件或文件夹",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EMFILE: "打开的文件过多：请关闭其他程序后重试",
    errno.ENFILE: "系统打开的文件过多：请稍后重试",
    errno.EIO: "读写磁盘出错（输入/输出错误）：磁盘或网络盘可能有故障",
    errno.ELOOP: "符号链接循环：路径中的链接指向了自己",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EBUSY: "文件或设备正被占用：请关闭正在使用它的程序后重试",
    errno.ETXTBSY: "文件正被占用：请关闭正在使用它的程序后重试",
    errno.EFBIG: "文件过大，超出了文件系统的限制",
}


def chinese(error: OSError) -> str:
    """The error as a Chinese sentence (without the file name, which the caller gives)."""
    known = _CHINESE.get(error.errno) if error.errno is not None else None
    if known:
        return known
    return f"系统错误：{error.strerror or error}"
