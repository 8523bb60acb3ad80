import type { commentsZh } from "./comments.zh-CN";

export const commentsEn: typeof commentsZh = {
  threadLabel: "Comments on this question",
  empty: "No comments on this question yet.",
  sideFactory: "Factory",
  sideConsultancy: "Consultancy",
  you: " (you)",
  unread: "Unread",
  newMessages: "{count} unread",
  bodyLabel: "Your comment",
  bodyHint: "Up to 2,000 characters. The other side sees it in the app and gets an e-mail.",
  send: "Send",
  sending: "Sending…",
  posted: "Sent.",
  readOnly: "You can read the comments, but your access does not allow writing.",
  badge: "{count} unread comments",
  start: "Start a discussion",
  badgeShort: "Comments",
  errors: {
    bodyRequired: "Please write a comment.",
    bodyTooLong: "A comment can have at most 2,000 characters.",
    questionUnknown: "This assessment has no such question.",
    notSubmitted: "Comments open once the assessment is submitted.",
    noConsultancy: "No consultancy is working on this assessment, so there is nobody to discuss it with yet.",
  },
  email: {
    subject: "[{factory}] New comments on assessment {label}",
    body: "{author} ({organization}) commented on “{question}” in assessment {label} of {factory}:\n\n{excerpt}\n\nRead and reply: {link}\n\nYou get at most one reminder per assessment every 15 minutes; opening the page marks it read.",
  },
};
