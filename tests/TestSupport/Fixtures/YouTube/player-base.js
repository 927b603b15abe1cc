var _yt_player={};(function(g){var window=this;/*

 Copyright The Closure Library Authors.
 SPDX-License-Identifier: Apache-2.0
*/
'use strict';
var ba,ca,ea,Kq,Qx,Xq,Ona,jta,Bma,Ypa;ba=function(a){var b=0;return function(){return b<a.length?{done:!1,value:a[b++]}:{done:!0}}};
ca=typeof Object.defineProperties=="function"?Object.defineProperty:function(a,b,c){if(a==Array.prototype||a==Object.prototype)return a;a[b]=c.value;return a};
ea=function(a){a=["object"==typeof globalThis&&globalThis,a,"object"==typeof window&&window];for(var b=0;b<a.length;++b){var c=a[b];if(c&&c.Math==Math)return c}throw Error("Cannot find global object");};
Kq="split;join;unshift;pop;reverse;indexOf;length".split(";");
Qx="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
g.ZB=function(a,b){this.name=a;this.value=b};
Xq={Zt:function(a,b){var c=a[0];a[0]=a[b%a.length];a[b%a.length]=c},
aF:function(a){a.reverse()},
Lp:function(a,b){a.splice(0,b)}};
Ona=function(a){a=a.split("");Xq.aF(a,69);Xq.Zt(a,33);Xq.Lp(a,2);Xq.Zt(a,50);Xq.aF(a,15);Xq.Lp(a,1);Xq.Zt(a,7);return a.join("")};
g.Nd=function(a){var b=a.split("");b.reverse();return b.join("")};
jta=function(a){var b=a[Kq[0]](""),c=Qx[Kq[6]];try{for(var d=0;d<3;d++)b[Kq[2]](b[Kq[3]]());b[Kq[4]]();var e=b[0];b[0]=b[5%b[Kq[6]]];b[5%b[Kq[6]]]=e;for(var f=0;f<b[Kq[6]];f++){var h=Qx[Kq[5]](b[f]);h>=0&&(b[f]=Qx[(h+7)%c])}}catch(k){return"enhanced_except_ix8BkOz-_w8_"+a}return b[Kq[1]]("")};
Bma=[jta];
g.$t=function(a,b,c){c=c===void 0?"":c;var d=new g.ZB(b,c);a.set(b,d);return a};
Ypa=function(a){var b;(b=a.get("n"))&&(b=Bma[0](b),a.set("n",b));return a};
g.Bz=function(a,b,c){b&&(b=Ona(decodeURIComponent(b)),a.set(c,encodeURIComponent(b)));return a};
g.Cr={signatureTimestamp:20472,hl:"en_US",contextId:"WEB_PLAYER_CONTEXT_CONFIG_ID_EMBEDDED_PLAYER"};
g.zz=function(){return ba([1,2,3])};
})(_yt_player);
