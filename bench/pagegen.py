"""Scraped pages, built from scratch for issue 9, with every line labelled.

Unlike ``spamgen.py`` (keyword lines from one vocabulary), a page here is
laid out the way site farms and scrapers lay them out. The shapes were
learned by reading real scraped pages (stored public pages found by
searching for such spam); none of their text is copied here. What is
generated:

* **spam families** (:data:`FAMILIES`, 12): porn keyword runs, video-site
  keyword runs, a video site's name with mirror domains and "最新地址",
  a navigation site's slogan with its domain, fake certificate / ID /
  invoice ads with phone or WeChat numbers, gambling with a sign-up bonus,
  pharmacy with a QQ number, loan and cash-out scams, English pharmacy
  spam, an SEO sentence, Traditional-script runs over a Simplified page and
  lines of contact handles only. Site names, domains, phone numbers and
  handles are invented at random, so most lines hold words that no
  lexicon has;
* **headers** (:data:`HEADERS`, 24 templates): breadcrumbs with many
  prefixes and separators, title, date in many formats, source, author,
  hit counters, forum and blog header fields, journal issue lines;
* **second copies** of the article under a *reformatted* header: another
  template (other breadcrumb prefix, date format, field names, hit count),
  the title repeated;
* **bodies** from real text (``corpus.documents``: People's Daily 1998,
  book reviews, Taiwanese blog text);
* **hard negatives** that must stay: the first header, footers (copyright
  and ICP lines, contact lines of the publisher), previous/next links,
  labelled keyword lines, body sentences about gambling or fake invoices
  (real text from the corpus), and a related-link line whose title holds a
  spam word.

Labels: ``spam:FAMILY`` (spam; ``spam:nav`` for the navigation words stuck
to it), ``header``
(first copy's header), ``body``, ``copy`` (the whole second copy, header
included), ``neg`` (hard negatives), ``blank``.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field

# --- invented names ------------------------------------------------------------

_SYL = (
    "蜜桃 樱花 橘子 星空 月光 海棠 夜色 青柠 蓝莓 野草 桃花 红杏 香蕉 草莓 芒果 "
    "丝瓜 秋葵 向日葵 荔枝 榴莲 菠萝 樱桃 玫瑰 百合 茉莉 丁香 紫藤 糖心 果冻 麻豆"
).split()
_VIDEO_SUFFIX = ("影院", "视频", "TV", "影视", "传媒", "直播", "资源站", "电影网", "剧场")
_NAV_SUFFIX = ("导航", "福利导航", "网址导航", "宝盒", "入口")
_TLDS = (".com", ".net", ".cc", ".top", ".xyz", ".vip", ".app", ".tv", ".me", ".co", ".live", ".in")
_CASINO = ("威尼斯人", "金沙", "葡京", "永利", "银河", "美高梅", "太阳城", "皇冠", "新濠天地")


def site_name(rng: random.Random, suffixes: tuple[str, ...] = _VIDEO_SUFFIX) -> str:
    return rng.choice(_SYL) + rng.choice(suffixes)


def domain(rng: random.Random, *, www: bool | None = None) -> str:
    letters = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 6)))
    digits = "".join(rng.choice(string.digits) for _ in range(rng.randint(0, 3)))
    host = letters + digits + rng.choice(_TLDS)
    if www is None:
        www = rng.random() < 0.5
    return ("www." + host) if www else host


def phone(rng: random.Random) -> str:
    n = "1" + rng.choice("3456789") + "".join(rng.choice(string.digits) for _ in range(9))
    if rng.random() < 0.3:
        return f"{n[:3]}-{n[3:7]}-{n[7:]}"
    return n


def handle(rng: random.Random) -> str:
    letters = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 6)))
    return letters + "".join(rng.choice(string.digits) for _ in range(rng.randint(3, 8)))


def qq(rng: random.Random) -> str:
    return str(rng.randint(10_000, 3_999_999_999))


def wechat(rng: random.Random) -> str:
    label = rng.choice(("微信", "微信号", "V信", "薇信", "加微", "wx", "VX", "威信"))
    sep = rng.choice(("：", ":", " ", ""))
    return f"{label}{sep}{handle(rng)}"


def _join(rng: random.Random, items: list[str]) -> str:
    sep = rng.choice((",", "，", "_", " ", "|", "、", "  ", "-", "/"))
    return sep.join(items)


# --- spam families --------------------------------------------------------------

_VIDEO_WORDS = (
    "国产精品 一区二区 二区三区 高清无码 在线观看 免费视频 日韩 欧美 亚洲 久久 视频在线 "
    "中文字幕 午夜 精品 无码 高清 在线播放 手机版 免费观看 不卡 人妻 熟女 自拍 偷拍 综合 "
    "成人 最新 大全 影片 永久 免费 天天 夜夜 日日 看片"
).split()
_VIDEO_WORDS_HANT = (
    "國產精品 一區二區 高清無碼 線上看 免費影片 日韓 歐美 亞洲 久久 視頻在線 中文字幕 "
    "午夜 無碼 線上播放 手機版 免費觀看 不卡 人妻 熟女 自拍 偷拍 綜合 成人 最新"
).split()


def _video_phrase(rng: random.Random, words: list[str] | tuple[str, ...]) -> str:
    return "".join(rng.sample(list(words), rng.randint(2, 4)))


def fam_porn_run(rng: random.Random) -> str:
    return _join(rng, [_video_phrase(rng, _VIDEO_WORDS) for _ in range(rng.randint(3, 9))])


def fam_video_keywords(rng: random.Random) -> str:
    words = rng.sample(list(_VIDEO_WORDS), rng.randint(5, 10))
    if rng.random() < 0.5:
        words.insert(0, site_name(rng))
    return _join(rng, words)


def fam_video_mirror(rng: random.Random) -> str:
    name = site_name(rng)
    ds = [domain(rng) for _ in range(rng.randint(1, 4))]
    label = rng.choice(
        ("最新地址", "最新网址", "永久地址", "永久域名", "备用地址", "发布页", "最新域名")
    )
    form = rng.randrange(4)
    if form == 0:
        return f"{name}{label}：{' '.join(ds)}"
    if form == 1:
        return f"{name} {label} {ds[0]} 备用 {' '.join(ds[1:]) or domain(rng)}"
    if form == 2:
        return f"{name}官网-{label}-{_join(rng, ds)}"
    return f"【{name}】{label}{ds[0]}，请收藏"


def fam_nav_slogan(rng: random.Random) -> str:
    nav = site_name(rng, _NAV_SUFFIX)
    d = domain(rng)
    return rng.choice(
        (
            f"{nav} - 一个网址就够了 {d}",
            f"收藏{nav}，回家不迷路：{d}",
            f"{nav} | 最全的福利网址 | {d}",
            f"{nav}：老司机都在用 {d}",
            f"记住{nav}永久网址{d}",
        )
    )


_CERTS = (
    "身份证", "驾驶证", "毕业证", "学历证", "资格证", "营业执照", "房产证", "结婚证",
    "离婚证", "学位证", "护照", "户口本", "健康证", "上岗证",
)  # fmt: skip
_INVOICES = ("增值税", "普通", "建筑", "运输", "餐饮", "住宿", "广告", "材料")


def fam_certificate(rng: random.Random) -> str:
    contact = rng.choice((wechat(rng), f"电话{rng.choice(('：', ':', ''))}{phone(rng)}"))
    form = rng.randrange(5)
    if form == 0:
        return f"办理{_join(rng, rng.sample(_CERTS, rng.randint(2, 5)))} {contact}"
    if form == 1:
        return f"代开{rng.choice(_INVOICES)}发票 {phone(rng)} {wechat(rng)}"
    if form == 2:
        return f"刻章办证 {phone(rng)} 薇信同号"
    if form == 3:
        return f"{rng.choice(_CERTS)}{rng.choice(('补办', '办理', '制作'))}，{contact}，诚信可查"
    return f"开{rng.choice(_INVOICES)}票{phone(rng)}，真票可验"


def fam_gambling(rng: random.Random) -> str:
    name = rng.choice(_CASINO) + rng.choice(("娱乐", "国际", "官网", "平台", "娱乐城"))
    form = rng.randrange(3)
    if form == 0:
        return f"{name} 注册送{rng.choice((18, 28, 38, 58, 88))}元 {domain(rng)}"
    if form == 1:
        games = rng.sample(
            ["百家乐", "真人视讯", "棋牌", "北京赛车", "时时彩", "老虎机", "捕鱼"], 3
        )
        return _join(rng, [name, *games, domain(rng)])
    return f"{name}_{name}app下载_{name}官方网站"


def fam_pharmacy(rng: random.Random) -> str:
    drug = rng.choice(("伟哥", "迷药", "催情药", "春药", "听话水", "减肥药", "延时喷剂"))
    return rng.choice(
        (
            f"{drug} 正品 货到付款 QQ{qq(rng)}",
            f"{drug}哪里买_{drug}效果_{drug}价格",
            f"出售{drug} {wechat(rng)} 包邮",
        )
    )


def fam_loan(rng: random.Random) -> str:
    return rng.choice(
        (
            f"无抵押贷款 当天放款 电话{phone(rng)}",
            f"信用卡套现 {wechat(rng)} 秒到账",
            f"网贷口子 黑户可下 {domain(rng)}",
            f"急用钱找我 额度5万 {wechat(rng)}",
        )
    )


def fam_english(rng: random.Random) -> str:
    words = ["buy", "cheap", "viagra", "cialis", "online", "no prescription", "pharmacy",
             "discount", "levitra", "free shipping"]  # fmt: skip
    return _join(rng, rng.sample(words, rng.randint(4, 7)) + [domain(rng, www=True)])


def fam_seo_sentence(rng: random.Random) -> str:
    name = site_name(rng)
    topic = _video_phrase(rng, _VIDEO_WORDS)
    return rng.choice(
        (
            f"{name}为您提供最新最全的{topic}，欢迎收藏{domain(rng)}！",
            f"本站{topic}每日更新，{name}永久免费。",
        )
    )


def fam_hant_run(rng: random.Random) -> str:
    return _join(rng, [_video_phrase(rng, _VIDEO_WORDS_HANT) for _ in range(rng.randint(3, 8))])


def fam_contacts(rng: random.Random) -> str:
    return rng.choice(
        (
            f"{wechat(rng)} QQ{qq(rng)} 电话{phone(rng)}",
            f"联系{rng.choice(('V', '薇', '威'))}：{handle(rng)}  {phone(rng)}",
        )
    )


FAMILIES: dict[str, Callable[[random.Random], str]] = {
    "porn-run": fam_porn_run,
    "video-keywords": fam_video_keywords,
    "video-mirror": fam_video_mirror,
    "nav-slogan": fam_nav_slogan,
    "certificate": fam_certificate,
    "gambling": fam_gambling,
    "pharmacy": fam_pharmacy,
    "loan": fam_loan,
    "english": fam_english,
    "seo-sentence": fam_seo_sentence,
    "hant-run": fam_hant_run,
    "contacts": fam_contacts,
}

# --- headers ---------------------------------------------------------------------


@dataclass
class Meta:
    title: str
    site: str
    source: str
    author: str
    cat: str
    cat2: str
    year: int
    month: int
    day: int
    hour: int
    minute: int
    hits: int
    journal: str
    hant: bool


def date(m: Meta, rng: random.Random) -> str:
    y, mo, d = m.year, m.month, m.day
    return rng.choice(
        (
            f"{y}-{mo:02d}-{d:02d}",
            f"{y}年{mo:02d}月{d:02d}日",
            f"{y}年{mo}月{d}日",
            f"{y}/{mo}/{d} {m.hour}:{m.minute:02d}",
            f"{y}.{mo:02d}.{d:02d}",
            f"{y}-{mo:02d}-{d:02d} {m.hour:02d}:{m.minute:02d}:{rng.randint(0, 59):02d}",
            f"{y}-{mo}-{d} {m.hour:02d}:{m.minute:02d}",
        )
    )


def _crumb(rng: random.Random, m: Meta) -> str:
    prefix = rng.choice(
        ("当前位置：", "当前位置:", "您的位置：", "你现在的位置：", "位置：", "所在位置：", "", "")
    )
    home = rng.choice(("首页", "网站首页", "主页", "Home", "首頁"))
    sep = rng.choice((" > ", " >> ", " » ", " › ", ">", " / ", " → "))
    parts = [home, m.cat] + ([m.cat2] if rng.random() < 0.5 else [])
    tail = rng.choice(("", sep.strip(), sep + "正文", sep + "详情"))
    return prefix + sep.join(parts) + tail


def _h(*templates: Callable[[Meta, random.Random], list[str]]) -> list:  # type: ignore[type-arg]
    return list(templates)


def _src(m: Meta, rng: random.Random) -> str:
    return rng.choice(("来源：", "来源:", "文章来源：", "稿源：", "出处：", "來源:")) + m.source


HEADERS: list[Callable[[Meta, random.Random], list[str]]] = _h(
    lambda m, r: [_crumb(r, m), m.title, f"{_src(m, r)} 作者：{m.author} 时间：{date(m, r)}"],
    lambda m, r: [_crumb(r, m), m.title, f"发布时间：{date(m, r)} 浏览次数：{m.hits}"],
    lambda m, r: [m.title, f"{date(m, r)}  {m.source}  阅读({m.hits})"],
    lambda m, r: [_crumb(r, m), m.title, f"日期：{date(m, r)} 点击：{m.hits}次"],
    lambda m, r: [
        f"楼主  发表于: {date(m, r)}",
        f"级别: {r.choice(('新手上路', '略有小成', '初露锋芒'))}",
        f"发帖数量: {r.randint(3, 900)} 个",
        m.title,
    ],  # fmt: skip
    lambda m, r: [
        f"posts - {r.randint(10, 2000)}, comments - {r.randint(0, 500)}, trackbacks - 0",
        m.title,
        f"Posted on {date(m, r)} {m.author} 阅读({m.hits}) 评论({r.randint(0, 9)})  编辑 收藏 "
        f"引用 所属分类: {m.cat}",
    ],
    lambda m, r: [
        m.title,
        f"{date(m, r)}{m.author}",
        f"{m.journal} {m.year}年{r.randint(1, 12)}期",
    ],
    lambda m, r: [m.title, f"{m.cat} {m.cat2}"],
    lambda m, r: [f"Home » {m.cat} » {m.cat2}", m.title, f"By {m.author} | {date(m, r)}"],
    lambda m, r: [f"【{m.cat}】{m.title}", f"{date(m, r)} {_src(m, r)}"],
    lambda m, r: [
        m.title,
        f"作者：{m.author} {_src(m, r)} 发布时间：{date(m, r)} 【字体：大 中 小】",
    ],
    lambda m, r: [
        f"网站首页 > {m.cat} > {m.cat2}",
        m.title,
        f"文章来源：{m.source}  发布日期：{date(m, r)}  阅读量：{m.hits}",
    ],  # fmt: skip
    lambda m, r: [m.title, f"时间：{date(m, r)} | 编辑：{m.author} | 人气：{m.hits}"],
    lambda m, r: [f"位置：首页 › {m.cat}", m.title, f"{m.source} {date(m, r)}"],
    lambda m, r: [m.title, f"发布日期：{date(m, r)}  稿源：{m.source}  【打印】【关闭】"],
    lambda m, r: [m.title, f"更新时间：{date(m, r)}", f"责任编辑：{m.author}"],
    lambda m, r: [m.title, f"{date(m, r)} · {m.source} · {m.hits}人阅读"],
    lambda m, r: [f"主頁 > {m.cat} >", m.title, f"{date(m, r)} 來源:{m.source} 點擊:"],
    lambda m, r: [m.title, f"[{date(m, r)}] [{m.source}] [点击：{m.hits}]"],
    lambda m, r: [f"当前位置: Home > {m.cat}", m.title, f"Posted: {date(m, r)}  Views: {m.hits}"],
    lambda m, r: [m.title, f"发表于 {date(m, r)} | 分类于 {m.cat} | 阅读次数 {m.hits}"],
    lambda m, r: [f"首頁 » {m.cat}", m.title, f"發佈時間：{date(m, r)} 作者：{m.author}"],
    lambda m, r: [m.title, f"{m.author} {m.source} {date(m, r)}", f"{m.cat} / {m.cat2}"],
    lambda m, r: [f"{m.site} > {m.cat}", m.title, f"{date(m, r)}  {m.hits}次浏览"],
)

_CATS = ("新闻中心", "国内新闻", "行业动态", "学术动态", "通知公告", "专题报道", "科技", "财经",
         "社会", "文化", "教育", "技术文章", "开发", "前端", "论坛", "资讯")  # fmt: skip
_SOURCES = ("新华社", "人民网", "本站原创", "中国新闻网", "高新院", "市政府办公室", "科技日报",
            "电子世界", "网络整理", "某某日报")  # fmt: skip
_AUTHORS = ("王芳", "李明", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴娟")
_JOURNALS = ("电子世界", "今日消防", "电信科学", "中国科技信息", "现代商贸工业")


def meta(rng: random.Random, title: str, hant: bool) -> Meta:
    return Meta(
        title=title,
        site=rng.choice(_SYL) + rng.choice(("网", "在线", "资讯网", "门户")),
        source=rng.choice(_SOURCES),
        author=rng.choice(_AUTHORS),
        cat=rng.choice(_CATS),
        cat2=rng.choice(_CATS),
        year=rng.randint(2008, 2024),
        month=rng.randint(1, 12),
        day=rng.randint(1, 28),
        hour=rng.randint(0, 23),
        minute=rng.randint(0, 59),
        hits=rng.randint(0, 99_999),
        journal=rng.choice(_JOURNALS),
        hant=hant,
    )


# --- hard negatives ----------------------------------------------------------------


def footer_lines(rng: random.Random, m: Meta, other_titles: list[str]) -> list[str]:
    """Lines a real page ends with that are not spam (kept, labelled ``neg``)."""
    icp = f"{rng.choice('京沪粤浙苏鲁川')}ICP备{rng.randint(10_000_000, 99_999_999)}号"
    tel = f"{rng.choice(('010', '021', '0532', '0755'))}-{rng.randint(10_000_000, 89_999_999)}"
    pool = [
        f"Copyright © {m.year}-{m.year + 5} {m.site} 版权所有 {icp}",
        f"版权所有：{m.source}  {icp}",
        f"联系电话：{tel}  地址：{rng.choice(('北京市', '青岛市', '深圳市'))}某区某路{rng.randint(1, 300)}号",
        f"关键词：{m.cat} {m.cat2}",
        f"上一篇：{other_titles[0]}",
        f"下一篇：{other_titles[1]}",
        f"相关阅读：[{other_titles[2]}](https://{domain(rng, www=True)}/{rng.randint(100, 99999)}.html)",
        f"（责任编辑：{m.author}）",
    ]
    return rng.sample(pool, rng.randint(1, 4))


# --- pages ---------------------------------------------------------------------------------


@dataclass
class Page:
    lines: list[str]
    labels: list[str]
    families: list[str] = field(default_factory=list)
    has_copy: bool = False
    header_first: int = 0
    header_second: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _spam_block(rng: random.Random, k: int, fams: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for _ in range(k):
        fam = rng.choice(fams)
        out.append((FAMILIES[fam](rng), "spam:" + fam))
        if rng.random() < 0.3:
            out.append(("", "blank"))
    return out


def title_of(sentence: str) -> str:
    """A headline-like line from a real sentence: its first clause, no end
    punctuation, at most 24 characters."""
    import re

    first = re.split(r"[，。！？；,;!?：:“”]", sentence.strip())[0].strip()
    return first[:24] or sentence[:24]


def make_page(
    rng: random.Random,
    body: list[str],
    titles: list[str],
    *,
    hant: bool = False,
    negatives: list[str] | None = None,
    many: bool = False,
) -> Page:
    """One labelled page around ``body`` (real paragraphs)."""
    rows: list[tuple[str, str]] = []
    fams = rng.sample(sorted(FAMILIES), rng.randint(1, 3))
    where = rng.choice(("head", "head", "tail", "both"))
    k_head = k_tail = 0
    if where in ("head", "both"):
        k_head = rng.randint(100, 160) if many else rng.randint(1, 4)
    if where in ("tail", "both"):
        k_tail = rng.randint(100, 160) if many and where == "tail" else rng.randint(1, 3)
    if k_head:
        rows += _spam_block(rng, k_head, fams)
        if rng.random() < 0.3:
            rows += [
                ("", "blank"),
                (rng.choice(("Network", "首页", "Home", "网站地图")), "spam:nav"),
            ]
        rows.append(("", "blank"))
    m = meta(rng, titles[0], hant)
    first = rng.randrange(len(HEADERS))
    header = HEADERS[first](m, rng)
    blank_between = rng.random() < 0.6
    for h in header:
        rows.append((h, "header"))
        if blank_between:
            rows.append(("", "blank"))
    indent = rng.choice(("", "  ", "\u3000\u3000"))
    paras = [indent + p for p in body]
    if negatives:
        for s in negatives:
            paras.insert(rng.randint(1, len(paras)), indent + s)
    for p in paras:
        rows.append((p, "body" if p.strip(indent) not in (negatives or []) else "neg"))
        if blank_between:
            rows.append(("", "blank"))
    has_copy = rng.random() < 0.5
    second = first
    if has_copy:
        while second == first:
            second = rng.randrange(len(HEADERS))
        m2 = Meta(**{**m.__dict__, "hits": m.hits + rng.randint(1, 500)})
        rows.append(("", "blank"))
        for h in HEADERS[second](m2, rng):
            rows.append((h, "copy"))
            if blank_between:
                rows.append(("", "blank"))
        if titles[0] not in HEADERS[second](m2, random.Random(0)):
            rows.append((titles[0], "copy"))
        for p in paras:
            rows.append((p, "copy"))
            if blank_between:
                rows.append(("", "blank"))
    rows.append(("", "blank"))
    for f in footer_lines(rng, m, titles[1:4]):
        rows.append((f, "neg"))
    if k_tail:
        rows.append(("", "blank"))
        rows += _spam_block(rng, k_tail, fams)
    lines = [r[0] for r in rows]
    labels = [r[1] if r[0].strip() else "blank" for r in rows]
    return Page(lines, labels, fams, has_copy, first, second)


def hard_negative_page(rng: random.Random, body: list[str], titles: list[str]) -> Page:
    """A page with no spam and no copy: a header, real body text (with
    sentences about gambling or invoices where given), footers. Nothing may
    go."""
    m = meta(rng, titles[0], False)
    lines = HEADERS[rng.randrange(len(HEADERS))](m, rng) + [""] + body + [""]
    lines += footer_lines(rng, m, titles[1:4])
    return Page(lines, ["neg" if x.strip() else "blank" for x in lines])
