"""Reposted copies in traditional characters, the way the audit can read them.

Third-party sites repost 自评表 converted to traditional characters, often with each converted character's pinyin
glued after it by the converter ("項(xiàng)目", "預(yù)算數(shù)"). Every label the form and prose readers look for is
written in simplified characters, so such a copy read as nothing (a 云南 自评表: 2 numbers read of 25). The copy is
read in simplified form, without the pinyin, and each position of that reading maps back to the published text, so
findings still point at (and quote from) the lines as published.

A text is converted only when it carries enough traditional characters to be a converted copy; a simplified text
that quotes one (於, 後) is read as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Traditional → simplified, one character each, limited to characters whose simplified form is unambiguous in
# budget and performance texts (乾/幹, 著, 隻 and 瞭 are left out: their mapping depends on the word).
_PAIRS = (
    "項项資资數数預预執执質质時时違违滿满實实標标準准績绩財财撥拨當当轉转結结級级單单務务對对經经費费體体衛卫"
    "驗验責责則则規规劃划區区門门際际額额總总萬万況况補补稱称評评進进產产會会為为麗丽間间於于與与價价這这個个"
    "們们來来發发開开關关後后從从還还過过達达運运選选邊边遠远適适農农業业東东車车軍军電电雲云縣县鄉乡鎮镇醫医"
    "療疗藥药學学歲岁華华廣广慶庆貴贵陝陕遼辽蘇苏龍龙齊齐寧宁灣湾豐丰壽寿養养環环態态護护訊讯計计設设認认調调"
    "請请說说話话語语讀读論论議议證证記记許许試试詳详該该誤误課课講讲識识譯译變变讓让貨货購购貸贷賬账買买賣卖"
    "貿贸負负貧贫贊赞賦赋賠赔賽赛趕赶跡迹較较輔辅輛辆輸输辦办連连週周遊游遞递郵邮釋释錢钱鐵铁銀银錄录鋪铺長长"
    "閉闭問问閒闲閱阅陽阳隊队階阶隨随險险隱隐雙双雜杂難难靈灵響响頁页頂顶順顺須须領领頻频題题顏颜類类顯显風风"
    "飛飞飲饮館馆馬马髮发鬥斗魚鱼鳥鸟黨党點点齡龄億亿優优儲储兒儿內内兩两冊册凍冻剛刚創创劑剂劇剧勞劳勢势勵励"
    "協协厲厉參参號号員员圍围國国圖图團团圓圆場场壞坏壓压處处備备複复夠够奪夺奮奋婦妇孫孙審审寶宝導导專专將将"
    "層层屆届屬属嶺岭幣币帶带師师幫帮廠厂廢废廳厅張张強强彈弹徑径復复徵征恆恒惡恶應应懷怀戰战戶户擔担據据擊击"
    "擴扩攝摄敵敌斷断晝昼曉晓書书條条構构樓楼樣样機机檢检權权歡欢歷历歸归殘残氣气決决沒没淨净測测濟济溫温滅灭"
    "漢汉潔洁災灾無无營营爭争獎奖獨独現现畫画畢毕盡尽監监盤盘確确禮礼離离種种稅税穩稳積积窮穷競竞筆笔節节範范"
    "築筑簡简糧粮紀纪約约納纳紙纸組组細细終终絕绝統统給给維维綜综綠绿緊紧線线編编緩缓繳缴續续罰罚羅罗義义習习"
    "聯联聲声職职聽听肅肃腦脑舉举舊旧艱艰藝艺蘭兰蟲虫術术衝冲裝装製制視视覺觉覽览親亲觀观訂订訓训討讨診诊詢询"
    "誠诚談谈諮咨謀谋謝谢讚赞貝贝貢贡販贩貫贯貼贴賓宾賞赏贈赠趨趋踐践軌轨軟软載载輕轻轄辖辭辞邁迈遲迟遺遗鄰邻"
    "針针鈔钞銷销鋼钢錯错鍵键閘闸閣阁陸陆陳陈雖虽雞鸡靜静韓韩頒颁頓顿頭头顧顾飯饭餘余驅驱鬆松麥麦黃黄滯滞擁拥"
    "壩坝堅坚塊块墊垫壇坛傳传傷伤僅仅偵侦倉仓側侧債债傾倾償偿儀仪兌兑勁劲動动勝胜勸劝匯汇卻却廈厦縮缩檔档殺杀"
    "涼凉漁渔漲涨煙烟熱热燈灯爐炉牽牵狀状獲获異异眾众礎础碼码禍祸穀谷籌筹簽签紅红純纯經经網网綱纲緒绪練练縱纵"
    "織织繪绘繩绳繫系纖纤罷罢聖圣聞闻膚肤臨临臺台莊庄葉叶蓋盖薦荐蘋苹虛虚衆众裏里襲袭見见詞词誌志語语謂谓譜谱"
    "豬猪賀贺賃赁賑赈賢贤賴赖贏赢趙赵蹤踪躍跃輝辉輪轮辯辩遙遥遷迁鄭郑釀酿鈴铃銅铜鍋锅鏈链鏡镜鐘钟閃闪闊阔陣阵"
    "陰阴隸隶霧雾頑顽顆颗願愿颱台飽饱飾饰餅饼饋馈駐驻駕驾騎骑騰腾驚惊驟骤鬧闹鬱郁魯鲁鮮鲜鳳凤鴻鸿鵬鹏鹽盐麵面"
    "齒齿鑒鉴鑑鉴煉炼慮虑憂忧懲惩懸悬戲戏擬拟擠挤擺摆攔拦攜携敗败敘叙暢畅暫暂曆历標标樹树橋桥櫃柜欄栏毀毁滬沪"
    "滲渗潛潜澤泽濃浓濕湿濱滨灘滩爲为牆墙犧牺獻献畝亩盧卢礙碍絲丝綫线緣缘縫缝脈脉脫脱腳脚膽胆臉脸臟脏蒼苍蘆芦"
    "裡里訪访該该諸诸謹谨譽誉贖赎轟轰迴回邏逻鋒锋錦锦鍛锻鎖锁鑄铸鑰钥鑽钻閩闽闆板雛雏韻韵頸颈饑饥嚴严嘗尝囑嘱"
    "壯壮奧奥娛娱嬰婴寫写寬宽屢屡嶽岳巖岩幾几庫库廟庙彎弯徹彻悅悦惱恼愛爱慣惯慘惨憑凭憲宪懇恳戀恋捨舍掃扫掛挂"
    "採采揚扬換换揮挥損损搖摇搶抢撫抚擇择擋挡擾扰攤摊晉晋曬晒樂乐橫横殼壳溝沟滄沧漸渐潰溃濾滤灑洒燒烧燦灿狹狭"
    "猶犹獄狱疊叠瘋疯盞盏碩硕礦矿祿禄窪洼竄窜篤笃籠笼粵粤緯纬膠胶艷艳莖茎蓮莲蔭荫藍蓝蘊蕴註注誼谊諒谅諧谐謠谣"
    "貯贮賭赌輯辑輿舆遜逊醜丑銜衔錘锤鍍镀鏽锈闡阐隴陇韌韧頃顷頌颂餵喂饒饶駁驳駛驶騙骗鷹鹰係系佔占併并並并佈布"
    "儘尽嚮向纔才夥伙"
)
_T2S = {_PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS) - 1, 2)}
# The converted copy's tell: this many traditional characters (one in a simplified text is a quotation).
_MIN_TRADITIONAL = 8
# Pinyin glued after a Han character by a converter: "項(xiàng)". A tone mark is required ("(A)" and "(万元)" stay).
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


@dataclass(frozen=True)
class Reading:
    """The text as read and, for each of its positions (and its end), the position in the published text."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the reading as a span of the published text."""
        return self.origin[start], self.origin[max(end - 1, start)] + (1 if end > start else 0)


def simplified_reading(text: str) -> Reading | None:
    """The simplified reading of a converted traditional copy, or None when the text is read as it is."""
    if sum(1 for char in text if char in _T2S) < _MIN_TRADITIONAL:
        return None
    chars: list[str] = []
    origin: list[int] = []
    pos = 0
    for match in _PINYIN.finditer(text):
        _keep(text, pos, match.start(), chars, origin)
        pos = match.end()
    _keep(text, pos, len(text), chars, origin)
    origin.append(len(text))
    return Reading("".join(chars), tuple(origin))


def _keep(text: str, start: int, end: int, chars: list[str], origin: list[int]) -> None:
    for position in range(start, end):
        chars.append(_T2S.get(text[position], text[position]))
        origin.append(position)
