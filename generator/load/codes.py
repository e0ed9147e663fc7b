"""The loader's finding codes and what each means (for the docs)."""

LOADER_CODES = {
    "SRC001": "文件不是 UTF-8 编码(如 GBK、UTF-16),或含 NUL 字符",
    "SRC002": "文件超过 1 MB",
    "SRC003": "YAML 语法错误,或一个文件里有多个文档",
    "SRC004": "用了 Tab 缩进",
    "SRC005": "重复的键",
    "SRC006": "别名展开过多(alias bomb)或嵌套过深",
    "SRC007": "空文件",
    "SRC008": "顶层不是键值映射",
    "SRC009": "文件名不是合法 id",
    "SRC010": "同一 id 有 .yaml 与 .yml 两个文件",
    "SRC011": "文件无法读取",
    "SCH001": "未知字段(给出最接近的正确字段名)",
    "SCH002": "缺少必填字段",
    "SCH003": "字段值的类型或格式不对",
}
