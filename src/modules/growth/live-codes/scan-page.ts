/** What the small mobile page a scan lands on says; each kind is one state of a visit. */
export type PageView =
  | { kind: 'routed'; title: string; community: string; channel: string; joinAction: string; scanId: string }
  | { kind: 'joined'; title: string; community: string; already: boolean }
  | { kind: 'full' | 'disabled' | 'preview' | 'not_found'; title: string }
  | { kind: 'refused'; title: string; reason: string; retry: string }
  | { kind: 'wecom'; title: string; qrCode: string }
  | { kind: 'wecom_pending'; title: string };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Chinese first, English under it, as everywhere in Shequn. */
const both = (zh: string, en: string) => `<p>${zh}</p><p class="en">${en}</p>`;

function body(v: PageView): string {
  switch (v.kind) {
    case 'routed': {
      const group = `<div class="group">${escape(v.community)}</div>`;
      if (v.channel !== 'sandbox') {
        // Real platforms show the group's own QR code here; fetching it from the platform is not built yet.
        return `${both('为你分配的群', 'Your group')}${group}
          ${both(`请在 ${escape(v.channel)} 中向运营人员索取这个群的入群邀请。`, `Ask the organiser for this group's invitation in ${escape(v.channel)}.`)}`;
      }
      return `${both('为你分配的群', 'Your group')}${group}
        <form method="post" action="${escape(v.joinAction)}">
          <input type="hidden" name="scan" value="${escape(v.scanId)}">
          <label>你的昵称（选填） <span class="en">Your name (optional)</span>
            <input name="name" maxlength="40" autocomplete="nickname"></label>
          <button type="submit">加入群聊 · Join</button>
        </form>
        <p class="note">沙盒演示：点击即以访客身份加入 · Sandbox demo: joins you as a guest member.</p>`;
    }
    case 'joined':
      return `<div class="ok">✓</div>${v.already ? both('你已在群里', 'You are already in') : both('已加入', 'You joined')}
        <div class="group">${escape(v.community)}</div>`;
    case 'full':
      return both('所有群都已满员，请稍后再扫码。', 'Every group is full right now. Please scan again later.');
    case 'disabled':
      return both('这个活码已暂停使用。', 'This live code is paused.');
    case 'preview':
      return both('扫码加入社群', 'Scan to join the community');
    case 'not_found':
      return both('这个活码不存在或已删除。', 'This live code does not exist.');
    case 'wecom':
      return `${both('长按或用微信扫描下方二维码加入群聊', 'Press and hold, or scan this code in WeChat, to join the group')}
        <img class="qr" src="${escape(v.qrCode)}" alt="企业微信群二维码 · WeCom group QR code" width="240" height="240">`;
    case 'wecom_pending':
      return both('这个活码的企业微信群二维码还没有准备好，请稍后再扫码。', 'This live code\'s WeCom group QR code is not ready yet. Please scan again later.');
    case 'refused':
      return `${both('没能加入', 'Could not join')}<p class="note">${escape(v.reason)}</p>
        <p><a href="${escape(v.retry)}">重新扫码 · Scan again</a></p>`;
  }
}

/** The whole page: no scripts, no outside resources, readable on a phone held in one hand. */
export function renderScanPage(v: PageView): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(v.title)}</title>
<style>
  body { margin: 0; font: 16px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f5f6f8; color: #1f2329; }
  main { max-width: 420px; margin: 0 auto; padding: 32px 20px; text-align: center; }
  h1 { font-size: 20px; margin: 0 0 24px; }
  p { margin: 4px 0; } .en, .note { color: #646a73; font-size: 13px; }
  .group { font-size: 22px; font-weight: 600; margin: 12px 0 20px; padding: 16px; background: #fff; border-radius: 12px; }
  .ok { font-size: 40px; color: #07c160; }
  .qr { display: block; margin: 20px auto; background: #fff; border-radius: 12px; padding: 8px; }
  form { margin: 20px 0 12px; } label { display: block; text-align: left; font-size: 14px; margin-bottom: 16px; }
  input[name=name] { display: block; box-sizing: border-box; width: 100%; margin-top: 6px; padding: 10px 12px; font-size: 16px; border: 1px solid #d0d3d6; border-radius: 8px; }
  button { width: 100%; padding: 14px; font-size: 17px; color: #fff; background: #07c160; border: 0; border-radius: 8px; }
</style></head>
<body><main><h1>${escape(v.title)}</h1>${body(v)}</main></body></html>`;
}
