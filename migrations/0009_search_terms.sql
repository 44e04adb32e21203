-- hand-written: the whole migration (a drizzle-kit --custom file; the columns are not in the drizzle schema,
-- because a generated column needs the function created first). Carry it over as is when renumbering.
--
-- Search terms for duplicates and search in Japanese, Chinese and English (issue 12, item 6). Trigrams miss
-- short CJK queries (a 2-character word has no trigram in common with most texts), so each issue also keeps
-- a set of terms, indexed with GIN and matched with && (array overlap):
--   * the text is folded first: NFKC (full-width ASCII and half-width kana to their usual width), lower case,
--     and Japanese/traditional Han variants to simplified Chinese (関→关, 時間→时间), so ja and zh meet;
--   * runs of Han or katakana give character bigrams (a lone character stands for itself); hiragana is left
--     out: particles, okurigana and verb endings (の, に, がかかる) would make every Japanese text alike;
--   * Latin words become English stems (to_tsvector 'english': stop words dropped, "customs" → "custom").
-- Works the same on PGlite and the server: only core functions (normalize, regexp, to_tsvector), no extension.
-- Japanese and traditional Han characters to their simplified Chinese form (applied to Han/katakana runs only:
-- translate() walks the whole map for every character, so Latin text skips it).
CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ select translate(t, '関時間輸険済労働動経業証書類請認許審査貿電産場補際資設営売買価費務報転個術開発専権標護養長題問決続簡単規則準環協議談員駐計車門窓質検倉庫貨運銀為換実現対応処遅課徴収還気倣偽販網絡線語話訳験試統広東総領図従給団効厳難進県縣國學會來減額録記載銷療醫約紛訟訴罰違傷鉄機備製廠農薬藥廃棄汚匯銭錢幣値僅紹訪視観遊楽樂芸藝児兒齢齡歳歲職帯帶寬寛頻訊號態數據拠傳伝達郵飛絶継斷圧壓縮緩軽輕緊張獎奨勵貼優稅種樹積極構築層階範圍囲週盤監衛診擔當聯連係繫關華僑與專戶戸雑雜誌點鐘錄歸帰遲簽訂讓譲貸債險驗檢識論較顧顯頭麵幾億萬龍鳥魚紙絲細組織縱縦績紀級練維綿緑綠響韓陽陰隊陸隨離雙靜預頼賴願風飯館體髮鬥鮮鹽塩麥黃齊斉齒歯亞亜佈侖儀價兩両內冊凍劃劑剤勞勢區卻參發變変臺啟喪單嚴團圖圓塊塵墊壞壊壯聲處復夠夢夾奪奮妝婦媽孫寧寶實寫導將對屆屬島嶺廣廳庁廢彈弾彙徑從恆悅惡悪愛慣慮慶憲應懷懐戰戦戲戯拋挾捨掃掛採揚揮損搖揺擊撃擴拡攝摂敗敘斂晝暢曆暦條槍權歡歓殘殺殻殼毀氣沒淨浄淺渦測湯溝滿満漢漁潔澤沢濃濕灣災烏無煙煩熱燈營爭爺牆狀獨獲猶產畫疊癥盜盡眾衆睏確礎禮禍禪稱穩穏窮競筆節糧紅純納結絕經綜綱緒緣縁編總繪絵續羅義習聖聞聽聴肅脅脈脳腦臉臨舉挙舊莊荘葉蓋蔣薦蘇蘭虛蟲衝裝複襲見親覺覚覽覧觀觸討託評詞詩該詳誇說説誰調諸諾謀謂講謝證譯讀読讚豐豊貝負財貢貧責貴賃賄賓賞賠賢賣購贈贊賛趕趙跡踐躍軍軌軟輔輛輩輪轉辦辭迴逕這過遠適選遺遷邊辺鄉郷醬釋釈針鈴鉛銅鋼錯鍵鎖鎮鏡鐵鑑閉閒閣閲閱闘陣陳隠隱雖雞雲靈霊韋順須頂項頑頒頓顔顏飲飼飾餘馬駅驛騎騒騷驚髪鬧魯鳴鶏麗黒黙黨齋龜亀執', '关时间输险济劳动动经业证书类请认许审查贸电产场补际资设营卖买价费务报转个术开发专权标护养长题问决续简单规则准环协议谈员驻计车门窗质检仓库货运银为换实现对应处迟课征收还气仿伪贩网络线语话译验试统广东总领图从给团效严难进县县国学会来减额录记载销疗医约纷讼诉罚违伤铁机备制厂农药药废弃污汇钱钱币值仅绍访视观游乐乐艺艺儿儿龄龄岁岁职带带宽宽频讯号态数据据传传达邮飞绝继断压压缩缓轻轻紧张奖奖励贴优税种树积极构筑层阶范围围周盘监卫诊担当联连系系关华侨与专户户杂杂志点钟录归归迟签订让让贷债险验检识论较顾显头面几亿万龙鸟鱼纸丝细组织纵纵绩纪级练维绵绿绿响韩阳阴队陆随离双静预赖赖愿风饭馆体发斗鲜盐盐麦黄齐齐齿齿亚亚布仑仪价两两内册冻划剂剂劳势区却参发变变台启丧单严团图圆块尘垫坏坏壮声处复够梦夹夺奋妆妇妈孙宁宝实写导将对届属岛岭广厅厅废弹弹汇径从恒悦恶恶爱惯虑庆宪应怀怀战战戏戏抛挟舍扫挂采扬挥损摇摇击击扩扩摄摄败叙敛昼畅历历条枪权欢欢残杀壳壳毁气没净净浅涡测汤沟满满汉渔洁泽泽浓湿湾灾乌无烟烦热灯营争爷墙状独获犹产画叠症盗尽众众困确础礼祸禅称稳稳穷竞笔节粮红纯纳结绝经综纲绪缘缘编总绘绘续罗义习圣闻听听肃胁脉脑脑脸临举举旧庄庄叶盖蒋荐苏兰虚虫冲装复袭见亲觉觉览览观触讨托评词诗该详夸说说谁调诸诺谋谓讲谢证译读读赞丰丰贝负财贡贫责贵赁贿宾赏赔贤卖购赠赞赞赶赵迹践跃军轨软辅辆辈轮转办辞回径这过远适选遗迁边边乡乡酱释释针铃铅铜钢错键锁镇镜铁鉴闭闲阁阅阅斗阵陈隐隐虽鸡云灵灵韦顺须顶项顽颁顿颜颜饮饲饰余马驿驿骑骚骚惊发闹鲁鸣鸡丽黑默党斋龟龟执') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_terms(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
  with runs as (
    select m[1] as run from regexp_matches(lower(normalize(t, NFKC)), '[一-鿿㐀-䶿豈-﫿々]+|[ァ-ヺー]+|[a-z0-9]+', 'g') as m
  ), cjk as (
    select search_fold(run) as run from runs where run !~ '^[a-z0-9]'
  ), terms as (
    select substr(run, i, 2) as term from cjk, generate_series(1, greatest(length(run) - 1, 1)) as i
    union
    select lexeme from unnest(to_tsvector('english'::regconfig, (select string_agg(run, ' ') from runs where run ~ '^[a-z0-9]')))
  )
  select coalesce(array_agg(term), '{}') from terms
  $$;
--> statement-breakpoint
-- How many terms two sets share (both come from search_terms, so neither repeats a term).
CREATE OR REPLACE FUNCTION search_overlap(a text[], b text[]) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ select count(*)::int from (select unnest(a) intersect select unnest(b)) x $$;
--> statement-breakpoint
-- How many of a query's terms a text must hold to match it: half of its words, a third of its CJK bigrams
-- (in unsegmented Chinese or Japanese about every other bigram straddles two words and is noise).
CREATE OR REPLACE FUNCTION search_needed(q text[]) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ select ceil(count(*) filter (where x ~ '^[a-z0-9]') / 2.0 + count(*) filter (where x !~ '^[a-z0-9]') / 3.0)::int from unnest(q) x $$;
--> statement-breakpoint
-- Everything a reader would search an issue by: title, body, desired outcome and tags.
CREATE OR REPLACE FUNCTION issue_search_terms(title text, body text, outcome text, tags text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ select search_terms(title || ' ' || body || ' ' || outcome || ' ' || array_to_string(tags, ' ')) $$;
--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "search_title" text[] GENERATED ALWAYS AS (search_terms("title")) STORED;
--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "search_text" text[] GENERATED ALWAYS AS (issue_search_terms("title", "body", "desired_outcome", "tags")) STORED;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "issues_search_text_idx" ON "issues" USING gin ("search_text");
