import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeToken } from './api.js';
import { MemberApp } from './MemberApp.js';
import './member.css';

// The member pages (docs/member-pages.md): plain React and a small style sheet, no component library, so a
// phone on a slow network opens them quickly from the chat.
const token = takeToken();
// A group-buy share link (/m/?group=<id>) opens on that group.
if (new URLSearchParams(window.location.search).has('group') && !/^#\/shop/.test(window.location.hash)) {
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/shop/group-buy`);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MemberApp hasToken={!!token} />
  </StrictMode>,
);
