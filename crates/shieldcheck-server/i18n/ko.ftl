# shieldcheck public pages — Korean

site-name = shieldcheck
site-tagline = "NYPD"라고 말하는 사람이 정말 NYPD인지 확인하세요.
skip-to-content = 본문으로 건너뛰기
language-picker-label = 언어
language-picker-submit = 언어 변경
nav-home = 홈
nav-verify = 경찰관 확인하기
nav-precincts = 경찰서 전화번호
emergency-banner = 지금 위험하신가요? 911에 전화하세요.

home-title = 이 사람은 정말 NYPD인가요?
home-intro = 누군가 집 문 앞에서, 길에서 또는 전화로 자신이 NYPD라고 하면, 그 사람이 한 말을 확인할 수 있습니다. 무료이며, 이름을 밝히지 않아도 됩니다.
home-verify-link = 이름과 배지 번호 확인하기
home-precincts-link = 경찰서의 진짜 전화번호 찾기
home-desk-advice = 전화로 확인하려면, 이 사이트에 있는 번호로 경찰서 데스크에 직접 전화하세요. 그 사람이 준 전화번호나 링크는 절대 사용하지 마세요.

verify-title = 경찰관 확인하기
verify-intro = 그 사람이 말하거나 보여 준 것을 입력하세요. 아는 것만 채우고 나머지는 비워 두세요.
verify-privacy = 여기에 입력한 내용은 저장하지 않으며, 누가 입력했는지도 기록하지 않습니다.
verify-submit = 확인
field-name = 이름
field-name-hint = 예: Detective Ana Rivera
field-rank = 계급
field-rank-unknown = 모르겠습니다
field-shield = 배지 번호
field-shield-hint = 배지(shield)에 적힌 번호입니다.
field-tax-registry = 세금 등록 번호 (tax registry number)
field-tax-registry-hint = 경위(Lieutenant) 이상 계급은 배지 번호가 없습니다. 세금 등록 번호(tax registry number)를 물어보세요.
field-command = 경찰서 또는 부서
field-command-hint = 예: 34th Precinct, Midtown North, Transit District 4

rank-police-officer = 경찰관 (Police Officer)
rank-detective = 형사 (Detective)
rank-sergeant = 경사 (Sergeant)
rank-lieutenant = 경위 (Lieutenant)
rank-captain = 경감 (Captain)
rank-deputy-inspector = 경정 (Deputy Inspector)
rank-inspector = 총경 (Inspector)
rank-chief = 경무관 (Chief)
rank-traffic-enforcement-agent = 교통 단속 요원 (Traffic Enforcement Agent)
rank-school-safety-agent = 학교 안전 요원 (School Safety Agent)
rank-auxiliary-police = 보조 경찰 (Auxiliary Police)

result-heading = 결과
result-matches_active_member = 예. 현직 NYPD 직원과 일치합니다.
result-matches_active_member-detail = 입력하신 정보는 현직 직원의 정보입니다. 그 사람의 배지와 신분증을 이 정보와 비교해 보세요. 다른 점이 있거나 여전히 불안하다면, 경찰서 데스크에 직접 전화하세요.
result-no_match = 아니요. 일치하는 현직 NYPD 직원이 없습니다.
result-no_match-detail = 입력하신 정보는 NYPD 명단에 없습니다. 그 사람은 NYPD가 아닐 수 있습니다. 그 사람이 주는 전화번호나 링크를 믿지 마세요.
result-member_not_active = 아니요. 현직 NYPD 직원이 아닙니다.
result-member_not_active-detail = 입력하신 정보는 지금 현직으로 근무하는 직원의 정보가 아닙니다.
result-unit_not_in_nypd = 아니요. NYPD에는 그런 부서가 없습니다.
result-unit_not_in_nypd-detail = NYPD는 이민법을 집행하지 않으며, 이민 관련 부서도 없습니다. 그런 부서에서 왔다고 하는 사람은 NYPD가 아닙니다.
result-insufficient = 확인하려면 정보가 더 필요합니다.
result-insufficient-detail = 그 사람의 성을 입력하고, 계급과 배지 번호 또는 세금 등록 번호 중 하나를 입력하세요.

next-steps-heading = 다음에 할 일
next-step-call_911 = 위험하다면 911에 전화하세요.
next-step-call_desk = { $command } 데스크에 직접 전화하세요:
next-step-call_311 = 그 밖의 일은 311에 전화하세요.
next-step-precinct_list = 저희 경찰서 전화번호 목록에서 모든 경찰서의 데스크 전화번호를 찾을 수 있습니다.
next-step-immigration = 경찰은 피해자, 목격자 또는 도움을 요청하는 사람에게 절대 이민 신분을 묻지 않습니다.

precincts-title = 경찰서 전화번호
precincts-intro = NYPD 순찰 경찰서의 실제 데스크 전화번호입니다. 경찰관이 그곳에서 일하는지 직접 전화해서 확인하세요.
precincts-col-precinct = 경찰서
precincts-col-address = 주소
precincts-col-phone = 데스크 전화
precincts-no-phone = 311에 전화하세요

error-heading = 다음을 고쳐 주세요
error-field_too_long = 너무 깁니다.
error-invalid_characters = 받을 수 없는 문자가 들어 있습니다.
error-rate_limited = 지금 확인 요청이 너무 많습니다. 1분 후에 다시 시도해 주세요.
error-internal = 저희 쪽에 문제가 생겼습니다. 다시 시도하시거나 311에 전화하세요.
not-found-title = 페이지를 찾을 수 없습니다
not-found-body = 이 페이지는 없습니다. 홈페이지로 돌아가세요.

footer-eo41 = 경찰은 피해자, 목격자 또는 도움을 요청하는 사람에게 절대 이민 신분을 묻지 않습니다(행정명령 41호).
footer-no-tracking = 이 사이트는 사용자를 추적하지 않으며 다른 웹사이트에서 아무것도 불러오지 않습니다.
