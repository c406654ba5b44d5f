# shieldcheck public pages — Chinese (Simplified)

site-name = shieldcheck
site-tagline = 核实自称“NYPD”的人是不是真的警察。
skip-to-content = 跳到主要内容
language-picker-label = 语言
language-picker-submit = 更改语言
nav-home = 首页
nav-verify = 核实警员身份
nav-precincts = 分局电话号码
emergency-banner = 现在有危险吗？请拨打 911。

home-title = 这个人真的是 NYPD 吗？
home-intro = 如果有人在您家门口、在街上或在电话中说自己是 NYPD，您可以核实对方告诉您的信息。这是免费的，您不需要提供姓名。
home-verify-link = 核实姓名和警徽号码
home-precincts-link = 查找分局的真实电话号码
home-desk-advice = 如要用电话核实，请使用本网站上的号码，亲自打电话给分局值班台。千万不要使用对方给您的电话号码或链接。

verify-title = 核实警员身份
verify-intro = 请输入对方告诉您或给您看的信息。填写您知道的部分，其余留空即可。
verify-privacy = 我们不会保存您在这里输入的内容，也不会记录您是谁。
verify-submit = 核实
field-name = 姓名
field-name-hint = 例如：Detective Ana Rivera
field-rank = 职级
field-rank-unknown = 我不知道
field-shield = 警徽号码
field-shield-hint = 警徽 (shield) 上的号码。
field-tax-registry = 税务登记号码 (tax registry number)
field-tax-registry-hint = 警督 (Lieutenant) 及更高职级没有警徽号码。请向对方索取税务登记号码 (tax registry number)。
field-command = 分局或单位
field-command-hint = 例如：34th Precinct、Midtown North、Transit District 4

rank-police-officer = 警员 (Police Officer)
rank-detective = 警探 (Detective)
rank-sergeant = 警长 (Sergeant)
rank-lieutenant = 警督 (Lieutenant)
rank-captain = 警监 (Captain)
rank-deputy-inspector = 副督察 (Deputy Inspector)
rank-inspector = 督察 (Inspector)
rank-chief = 总警监 (Chief)
rank-traffic-enforcement-agent = 交通执法员 (Traffic Enforcement Agent)
rank-school-safety-agent = 学校安全员 (School Safety Agent)
rank-auxiliary-police = 辅警 (Auxiliary Police)

result-heading = 结果
result-matches_active_member = 是的。这与一名现役 NYPD 人员相符。
result-matches_active_member-detail = 您输入的信息属于一名现役人员。请与对方的警徽和证件核对。如有任何不同，或您仍然感到不安全，请亲自打电话给分局值班台。
result-no_match = 不是。这与任何现役 NYPD 人员都不相符。
result-no_match-detail = 您输入的信息不在 NYPD 的人员名册上。对方可能不是 NYPD。请不要相信对方给您的电话号码或链接。
result-member_not_active = 不是。这不是现役 NYPD 人员。
result-member_not_active-detail = 您输入的信息不属于目前仍在职的现役人员。
result-unit_not_in_nypd = 不是。NYPD 没有这个单位。
result-unit_not_in_nypd-detail = NYPD 不执行移民法，也没有移民单位。自称来自这种单位的人，不是 NYPD 的人。
result-insufficient = 我们需要更多信息才能核实。
result-insufficient-detail = 请输入对方的姓氏，再加上对方的职级和警徽号码，或者税务登记号码。

next-steps-heading = 下一步怎么做
next-step-call_911 = 如果您有危险，请拨打 911。
next-step-call_desk = 请亲自打电话给 { $command } 的值班台：
next-step-call_311 = 其他任何事情，请拨打 311。
next-step-precinct_list = 在我们的分局电话号码清单上，可以找到每个分局值班台的电话。
next-step-immigration = 警察绝不会询问受害者、证人或求助者的移民身份。

precincts-title = 分局电话号码
precincts-intro = 这些是 NYPD 各巡逻分局值班台的真实号码。请亲自打电话，核实某位警员是否在那里工作。
precincts-col-precinct = 分局
precincts-col-address = 地址
precincts-col-phone = 值班台电话
precincts-no-phone = 请拨打 311

error-heading = 请更正以下内容
error-field_too_long = 内容太长。
error-invalid_characters = 内容含有我们无法接受的字符。
error-rate_limited = 目前核实次数太多。请等一分钟后再试。
error-internal = 我们这边出了问题。请再试一次，或拨打 311。
not-found-title = 找不到网页
not-found-body = 此网页不存在。请返回首页。

footer-eo41 = 警察绝不会询问受害者、证人或求助者的移民身份（第 41 号行政命令）。
footer-no-tracking = 本网站不会追踪您，也不会从任何其他网站加载内容。

## Scanning an officer's credential on /verify
scan-heading = 扫描警员的 QR 码
scan-intro = 请警员在他自己的手机上出示 shieldcheck QR 码，然后用您的相机对准它。核实是在您的手机上进行的，没有网络也能用；您扫描的内容不会发送到任何地方。
scan-start = 扫描 QR 码
scan-stop = 关闭相机
scan-looking = 正在寻找 QR 码…
scan-no-camera = 无法打开相机。请允许此网页使用相机，或使用下面的表格。
scan-checking = 正在核实…
scan-valid = 有效：这是真正的 NYPD 证件
scan-invalid = 无效：不要相信这个人说的话
scan-compare = 请把这些信息与对方告诉您的话，以及实体警徽核对。如有任何不同，不要开门，并打电话给分局值班台。
scan-call-desk = 如要确认，请打电话给这个分局或单位的值班台：
scan-precinct-list = 查找分局值班台的真实电话号码
scan-status-as-of = 证件注销状态更新于 { $time }。
scan-again = 再扫描一次
scan-field-name = 姓名
scan-field-rank = 职级
scan-field-number = 警徽号码或税务登记号码
scan-field-command = 分局或单位
scan-challenge-toggle = 请警员输入一个代码（更可靠的核实）
scan-challenge-show = 请警员在他的手机上输入这个代码：{ $code }
scan-reason-expired = 证件已过期。
scan-reason-not_yet_valid = 证件尚未生效。
scan-reason-revoked = 证件已被注销。
scan-reason-suspended = 证件已被暂停。
scan-reason-bad_signature = 这个 QR 码不是 NYPD 发出的：它是伪造的或被改过。
scan-reason-unknown_issuer_key = 这个 QR 码不是用 shieldcheck 信任的密钥签署的。
scan-reason-stale_presentation = 这个 QR 码是旧的或复制的。真正的 QR 码是在警员自己的手机上实时生成的，每 30 秒就会改变。
scan-reason-wrong_device = 这个 QR 码不是来自当初领取证件的那部手机。
scan-reason-malformed = 这不是 shieldcheck 证件。
scan-reason-status_unavailable = 无法核实证件是否已被注销。请连上网络一次，然后再扫描一次。

## The officer's wallet on /officer
officer-title = 警员证件
officer-intro = 请把您的 shieldcheck 证件保存在这部手机上，当居民问您是谁时，出示它的实时 QR 码。为证件签署的密钥永远不会离开这部手机。
officer-needs-js = 警员证件需要 JavaScript 和较新的浏览器。
officer-code-label = 一次性登记代码
officer-code-hint = 由证件办公室提供，例如 K7QF-M2XD-9PRA。
officer-enrol = 登记这部手机
officer-enrolling = 正在登记…
officer-error-invalid_enrolment_code = 这个代码无效：可能输入错误、已被使用或已过期。请向证件办公室索取新的代码。
officer-error-other = 登记失败。请检查网络连接，然后再试一次。
officer-qr-alt = 您证件的实时 QR 码
officer-refresh = QR 码每 30 秒改变一次。
officer-expires = 有效期至 { $date }。
officer-expired = 这张证件已过期。请向证件办公室索取新的登记代码。
officer-challenge-label = 居民出示的代码（如果对方要求）
officer-forget = 从这部手机移除证件
